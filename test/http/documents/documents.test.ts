// Official documents through the staff API on every engine: the unit's header (derived, then configured; rights;
// per-field errors), drafts (made by createDraft as the conference commands do; edits with per-field errors;
// unnumbered previews), issuing (numbers 01, 02 per unit, type and year; concurrent issues get distinct numbers;
// an issued document never changes), scope (404 outside it) and the audit events of every change.
import { describe, expect, it } from 'vitest';
import { forEachEngine, type Harness } from '../../helpers/harness.ts';
import { auditContextOf, type ActorContext } from '../../../src/commands/context.ts';
import { createDraft } from '../../../src/commands/documents/drafts.ts';
import { todayVN } from '../../../src/core/dates.ts';
import { loadUnitGraph } from '../../../src/db/repos/units.ts';
import { buildMinutes } from '../../../src/documents/conference/minutes.ts';
import { buildReport } from '../../../src/documents/conference/report.ts';
import { DEMO } from '../../../src/seed/demo.ts';
import { personaActor } from '../../../src/seed/personas.ts';
import { MINUTES, REPORT, paragraphsOf, unzipDocx } from '../../documents/official-fixtures.ts';

forEachEngine('official documents', 'demo', (h: Harness) => {
  async function unitId(code: string) {
    return (await loadUnitGraph(h.database.db)).idOf(code)!;
  }
  async function as(username: string): Promise<ActorContext> {
    const actor = await personaActor(h.ctx, username);
    return { ...h.ctx, actor, audit: auditContextOf(actor, '127.0.0.1', 'test') };
  }
  async function reportDraft(username = 'canbo.thieuhoa') {
    return createDraft(await as(username), { unitId: await unitId(DEMO.thieuHoaCommune), type: 'BC', entityType: 'conference', entityId: 7, model: buildReport(REPORT) });
  }
  async function docxText(buf: Buffer) {
    return paragraphsOf((await unzipDocx(buf))['word/document.xml']!).map((p) => p.text);
  }
  /** The document events of Xã Thiệu Hóa, where these tests work (the demo has issued documents of its own elsewhere). */
  const actions = async () => (await h.database.db.selectFrom('audit_events').select(['action', 'entity_id', 'unit_id', 'actor_username'])
    .where('action', 'like', 'document.%').where('unit_id', '=', await unitId(DEMO.thieuHoaCommune)).orderBy('id').execute());

  it('derives the header from the unit graph, lets admins and leaders configure it, field by field', async () => {
    const commune = await unitId(DEMO.thieuHoaCommune);
    const leader = await h.login('lanhdao.thieuhoa');
    const clerk = await h.login('nhaplieu.thieuhoa');
    const outsider = await h.login('canbo.dinhhoa');
    const derived = (await clerk.get(`/api/documents/header/${commune}`)).json();
    const graph = await loadUnitGraph(h.database.db);
    const v = graph.versionAt(commune, todayVN())!;
    expect(derived).toMatchObject({
      unitId: commune, configured: false, canEdit: false, issuingBody: v.name, parentBody: graph.versionAt(v.parentId!, todayVN())!.name,
      symbolSuffix: 'CAX', place: v.place ?? v.shortName, signerTitle: 'TRƯỞNG CÔNG AN XÃ', signerName: null,
    });
    expect(derived.recipients.at(-1)).toBe('Lưu: VT');
    expect((await outsider.get(`/api/documents/header/${commune}`)).statusCode).toBe(404);
    expect((await outsider.get('/api/documents/header/999999')).statusCode).toBe(404);
    expect((await leader.get('/api/documents/header/abc')).statusCode).toBe(404);

    const body = {
      parentBody: 'Công an tỉnh Thanh Hóa', issuingBody: 'Công an xã Thiệu Hóa', symbolSuffix: 'cax', place: 'Thiệu Hóa',
      signerAuthority: 'KT.', signerTitle: 'Trưởng Công an xã\nPhó Trưởng Công an xã', signerName: 'Lê Văn Hùng',
      recipients: ['Công an tỉnh Thanh Hóa (để báo cáo)', 'Đảng ủy, UBND xã Thiệu Hóa', 'Lưu: VT'],
    };
    expect((await clerk.put(`/api/documents/header/${commune}`, body)).statusCode).toBe(403);
    expect((await outsider.put(`/api/documents/header/${commune}`, body)).statusCode).toBe(404);
    const bad = await leader.put(`/api/documents/header/${commune}`, { ...body, symbolSuffix: 'CA X!', signerAuthority: 'XX', place: 'x'.repeat(101), recipients: 'Lưu' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().fields).sort()).toEqual(['place', 'recipients', 'signerAuthority', 'symbolSuffix']);
    expect(bad.json().fields.symbolSuffix).toMatch(/chữ cái|letters/);
    const blank = await leader.put(`/api/documents/header/${commune}`, { ...body, issuingBody: '   ' });
    expect(Object.keys(blank.json().fields)).toEqual(['issuingBody']);
    expect((await leader.put(`/api/documents/header/${commune}`, { ...body, extra: 1 })).statusCode).toBe(400);

    const ok = await leader.put(`/api/documents/header/${commune}`, body);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ configured: true, canEdit: true, symbolSuffix: 'CAX', signerAuthority: 'KT.', signerTitle: 'Trưởng Công an xã\nPhó Trưởng Công an xã' });
    expect((await actions()).map((a) => a.action)).toEqual(['document.header_update']);
  });

  it('edits a draft with per-field errors, previews it unnumbered, refuses what is out of scope', async () => {
    const draft = await reportDraft();
    const officer = await h.login('canbo.thieuhoa');
    const clerk = await h.login('nhaplieu.thieuhoa');
    const outsider = await h.login('canbo.dinhhoa');
    const got = (await officer.get(`/api/documents/drafts/${draft.id}`)).json();
    expect(got).toMatchObject({ id: draft.id, type: 'BC', state: 'draft', entity: { type: 'conference', id: 7 }, allowed: ['edit'], issued: null });
    expect(got.model.number).toBeNull();
    expect(got.model.header.symbolSuffix).toBe('CAX');
    expect(got.model.signers[0]).toMatchObject({ authority: 'KT.', name: 'Lê Văn Hùng' });
    expect((await clerk.get(`/api/documents/drafts/${draft.id}`)).json().allowed).toEqual([]);
    expect((await outsider.get(`/api/documents/drafts/${draft.id}`)).statusCode).toBe(404);
    expect((await outsider.put(`/api/documents/drafts/${draft.id}`, { subject: 'X' })).statusCode).toBe(404);
    expect((await clerk.put(`/api/documents/drafts/${draft.id}`, { subject: 'X' })).statusCode).toBe(403);

    const bad = await officer.put(`/api/documents/drafts/${draft.id}`, {
      subject: '   ',
      blocks: [{ kind: 'table', columns: [{ header: 'A', share: 1 }, { header: 'B', share: 1 }], rows: [['chỉ một ô']] }, { kind: 'poem', text: 'x' }],
      signers: [],
      recipients: ['x'.repeat(301)],
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().fields).sort()).toEqual(['blocks.0.rows', 'blocks.1.kind', 'recipients.0', 'signers', 'subject']);
    expect(bad.json().fields['blocks.0.rows']).toMatch(/số cột|as many cells/);
    for (const body of ['text', [], { subject: 5 }, { blocks: 'x' }, { unknown: 1 }, { blocks: [{ kind: 'paragraph', text: 'a'.repeat(50_001) }] }]) {
      const r = await officer.put(`/api/documents/drafts/${draft.id}`, body as object);
      expect(r.statusCode, JSON.stringify(body).slice(0, 40)).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
    }

    const blocks = [...got.model.blocks];
    blocks[0] = { ...blocks[0], text: 'Đoạn mở đầu đã sửa, viết theo NFD: Thiệu Hóa'.normalize('NFD') };
    const edited = await officer.put(`/api/documents/drafts/${draft.id}`, {
      subject: 'Kết quả công tác năm 2025 (đã sửa)', blocks, recipients: ['Công an tỉnh Thanh Hóa (để báo cáo)', 'Lưu: VT'],
      signers: [{ authority: null, titleLines: ['Trưởng Công an xã'], name: 'Lê Văn Hùng' }],
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().model.subject).toBe('Kết quả công tác năm 2025 (đã sửa)');
    expect(edited.json().model.blocks[0].text).toBe('Đoạn mở đầu đã sửa, viết theo NFD: Thiệu Hóa'.normalize('NFC'));

    const pdf = await clerk.get(`/api/documents/drafts/${draft.id}/preview.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const docx = await clerk.get(`/api/documents/drafts/${draft.id}/preview.docx`);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const texts = await docxText(docx.rawPayload);
    expect(texts).toContain('Số:      /BC-CAX');
    expect(texts).toContain('Kết quả công tác năm 2025 (đã sửa)');
    expect((await outsider.get(`/api/documents/drafts/${draft.id}/preview.pdf`)).statusCode).toBe(404);
    expect((await officer.get('/api/documents/drafts/abc/preview.pdf')).statusCode).toBe(404);
    const updates = (await actions()).filter((a) => a.action === 'document.draft_update' && a.entity_id === String(draft.id));
    expect(updates).toHaveLength(1);
    expect(updates[0]!.actor_username).toBe('canbo.thieuhoa');
  });

  it('issues drafts with the next numbers of the register; an issued document never changes', async () => {
    const commune = await unitId(DEMO.thieuHoaCommune);
    const leader = await h.login('lanhdao.thieuhoa');
    const officer = await h.login('canbo.thieuhoa');
    const outsider = await h.login('canbo.dinhhoa');
    const first = await reportDraft();
    const second = await reportDraft();
    const minutes = await createDraft(await as('canbo.thieuhoa'), { unitId: commune, type: 'BB', entityType: 'conference', entityId: 7, model: buildMinutes(MINUTES) });

    expect((await officer.post(`/api/documents/drafts/${first.id}/issue`)).statusCode).toBe(403);
    expect((await outsider.post(`/api/documents/drafts/${first.id}/issue`)).statusCode).toBe(404);
    const a = await leader.post(`/api/documents/drafts/${first.id}/issue`);
    expect(a.statusCode).toBe(200);
    const today = todayVN();
    expect(a.json()).toMatchObject({ number: 1, symbol: '01/BC-CAX', issuedOn: today, year: Number(today.slice(0, 4)) });
    const b = (await leader.post(`/api/documents/drafts/${second.id}/issue`)).json();
    expect(b).toMatchObject({ number: 2, symbol: '02/BC-CAX' });
    // Another type has its own register.
    expect((await leader.post(`/api/documents/drafts/${minutes.id}/issue`)).json()).toMatchObject({ number: 1, symbol: '01/BB-CAX' });

    expect((await leader.post(`/api/documents/drafts/${first.id}/issue`)).statusCode).toBe(409);
    expect((await officer.put(`/api/documents/drafts/${first.id}`, { subject: 'Sửa sau khi ban hành' })).statusCode).toBe(409);
    const view = (await officer.get(`/api/documents/drafts/${first.id}`)).json();
    expect(view).toMatchObject({ state: 'issued', allowed: [], issued: { id: a.json().id, number: 1, symbol: '01/BC-CAX' } });

    const file = await officer.get(`/api/documents/${a.json().id}.docx`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain('01-BC-CAX');
    const texts = await docxText(file.rawPayload);
    expect(texts).toContain('Số: 01/BC-CAX');
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    expect(texts.some((t) => t.includes(`ngày ${String(d).padStart(2, '0')} tháng ${m < 3 ? String(m).padStart(2, '0') : m} năm ${y}`))).toBe(true);
    // Changing the header afterwards does not touch what was issued: the stored bytes come back unchanged.
    const header = (await leader.get(`/api/documents/header/${commune}`)).json();
    const { unitId: _u, configured: _c, canEdit: _e, ...h2 } = header;
    expect((await leader.put(`/api/documents/header/${commune}`, { ...h2, symbolSuffix: 'CAXTH' })).statusCode).toBe(200);
    const again = await officer.get(`/api/documents/${a.json().id}.docx`);
    expect(Buffer.compare(again.rawPayload, file.rawPayload)).toBe(0);
    const pdf = await officer.get(`/api/documents/${a.json().id}.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((await outsider.get(`/api/documents/${a.json().id}.pdf`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/documents/${a.json().id}`)).statusCode).toBe(404);
    expect((await officer.get(`/api/documents/${a.json().id}`)).json()).toMatchObject({ symbol: '01/BC-CAX', files: { pdf: `/api/documents/${a.json().id}.pdf` } });
    for (const url of ['/api/documents/abc.pdf', '/api/documents/1.exe', '/api/documents/99999999999.pdf', '/api/documents/999999.docx']) {
      expect((await officer.get(url)).statusCode, url).toBe(404);
    }

    const list = (await officer.get(`/api/documents?unitId=${commune}`)).json();
    expect(list.total).toBe(3);
    expect((await officer.get(`/api/documents?unitId=${commune}&type=BC`)).json().documents.map((x: { number: number }) => x.number)).toEqual([2, 1]);
    expect((await outsider.get('/api/documents')).json().documents).toEqual([]);
    expect((await outsider.get(`/api/documents?unitId=${commune}`)).statusCode).toBe(404);
    const badQuery = await officer.get('/api/documents?type=XX&year=1999&limit=0');
    expect(badQuery.statusCode).toBe(400);
    expect(Object.keys(badQuery.json().fields).sort()).toEqual(['limit', 'type', 'year']);
    expect((await officer.get(`/api/documents/drafts?entityType=conference&entityId=7`)).json().drafts.length).toBeGreaterThanOrEqual(3);

    const issues = (await actions()).filter((x) => x.action === 'document.issue');
    expect(issues.length).toBe(3);
    expect(issues.every((x) => x.unit_id === commune && x.actor_username === 'lanhdao.thieuhoa')).toBe(true);
    expect((await actions()).filter((x) => x.action === 'document.draft_create').length).toBeGreaterThanOrEqual(3);
  });

  it('gives concurrent issues distinct, consecutive numbers', async () => {
    const leader = await h.login('lanhdao.thieuhoa');
    const drafts = await Promise.all([1, 2, 3, 4, 5].map(() => reportDraft()));
    const before = (await h.database.db.selectFrom('document_counters').select('last_no').where('doc_type', '=', 'BC')
      .where('unit_id', '=', await unitId(DEMO.thieuHoaCommune)).where('year', '=', Number(todayVN().slice(0, 4))).executeTakeFirst())?.last_no ?? 0;
    const results = await Promise.all(drafts.map((d) => leader.post(`/api/documents/drafts/${d.id}/issue`)));
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    const numbers = results.map((r) => r.json().number as number).sort((x, y) => x - y);
    expect(numbers).toEqual([1, 2, 3, 4, 5].map((i) => before + i));
    // The same draft issued twice at once: one wins.
    const d = await reportDraft();
    const twice = await Promise.all([leader.post(`/api/documents/drafts/${d.id}/issue`), leader.post(`/api/documents/drafts/${d.id}/issue`)]);
    expect(twice.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });

  describe('createDraft (for the conference commands)', () => {
    it('refuses units outside the scope with 404 and clerks with 403', async () => {
      const other = await unitId(DEMO.dinhHoaCommune);
      const content = buildReport(REPORT);
      await expect(createDraft(await as('canbo.thieuhoa'), { unitId: other, type: 'BC', entityType: null, entityId: null, model: content }))
        .rejects.toMatchObject({ code: 'not_found' });
      await expect(createDraft(await as('nhaplieu.thieuhoa'), { unitId: await unitId(DEMO.thieuHoaCommune), type: 'BC', entityType: null, entityId: null, model: content }))
        .rejects.toMatchObject({ code: 'forbidden' });
      // A unit without a configured header gets the one derived from the graph.
      const d = await createDraft(await as('canbo.dinhhoa'), { unitId: other, type: 'BC', entityType: null, entityId: null, model: content });
      expect(d.model.header.symbolSuffix).toBe('CAX');
      expect(d.model.signers[0]!.titleLines).toEqual(['TRƯỞNG CÔNG AN XÃ']);
    });
  });
});
