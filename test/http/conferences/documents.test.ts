// Drafting a conference's documents from its data: invitation (the list, or one delegate), report and minutes;
// each an unnumbered draft of the conference's unit, with the rights and scope of the conference.
import { expect, it } from 'vitest';
import { todayVN } from '../../../src/core/dates.ts';
import { loadUnitGraph } from '../../../src/db/repos/units.ts';
import { DEMO } from '../../../src/seed/demo.ts';
import { forEachEngine } from '../../helpers/harness.ts';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';

const HAS_ZBAR = !spawnSync('zbarimg', ['--version'], { stdio: 'ignore' }).error && !spawnSync('pdftoppm', ['-v'], { stdio: 'ignore' }).error;
if (!HAS_ZBAR) console.warn('conference documents: zbarimg or pdftoppm not found (zbar-tools, poppler-utils): the invitation QR decoding check is SKIPPED');

forEachEngine('conference documents', 'demo', (h) => {
  it('drafts the invitation, the report and the minutes from the conference', async () => {
    const officer = await h.login('canbo.thieuhoa');
    const unitId = (await loadUnitGraph(h.database.db)).idOf(DEMO.thieuHoaCommune)!;
    const year = Number(todayVN().slice(0, 4));
    const c = (await officer.post('/api/conferences', {
      unitId, title: 'Hội nghị Công an lắng nghe ý kiến Nhân dân', period: String(year), date: todayVN(), startTime: '14:00', endTime: '16:30',
      venue: 'Nhà văn hóa thôn Tài liệu', presiding: { name: 'Hoàng Văn Thành', title: 'Trưởng Công an xã' }, secretary: { name: 'Đỗ Thị Lan', title: 'Cán bộ' },
    })).json();
    const an = (await officer.post(`/api/conferences/${c.id}/delegates`, { fullName: 'Nguyễn Văn An', title: 'Trưởng thôn', village: 'Thôn 3', category: 'village_head' })).json();
    await officer.post(`/api/conferences/${c.id}/delegates`, { fullName: 'Lê Thị Bình', category: 'mass_org', organisation: 'Hội Phụ nữ xã' });
    await officer.post(`/api/conferences/${c.id}/opinions`, { delegateId: an.id, kind: 'request', content: 'Đề nghị lắp đèn đường thôn 3.', answerMode: 'spot', spotAnswer: 'Đã đề nghị UBND xã lắp trong tháng.', answeredBy: 'Trưởng Công an xã' });

    const list = await officer.post(`/api/conferences/${c.id}/documents/invitation`);
    expect(list.statusCode).toBe(201);
    expect(list.json()).toMatchObject({ unitId, type: 'GM', state: 'draft', entity: { type: 'conference', id: c.id } });
    expect(JSON.stringify(list.json().model)).toContain('Lê Thị Bình');
    const one = (await officer.post(`/api/conferences/${c.id}/documents/invitation?delegateId=${an.id}`)).json();
    expect(JSON.stringify(one.model)).toContain('Nguyễn Văn An');
    expect(JSON.stringify(one.model)).not.toContain('Lê Thị Bình');
    expect((await officer.post(`/api/conferences/${c.id}/documents/invitation?delegateId=999999`)).json().fields).toHaveProperty('delegateId');
    // The personal invitation carries the delegate's own check-in address as a QR code, in the DOCX and the PDF.
    const token = (await h.database.db.selectFrom('conference_delegates').select('checkin_token').where('id', '=', an.id).executeTakeFirstOrThrow()).checkin_token;
    const qr = (one.model.blocks as { kind: string; url?: string }[]).find((b) => b.kind === 'qr');
    expect(qr?.url).toMatch(new RegExp(`^http://localhost(:80)?/hn/d/${token}$`));
    expect((list.json().model.blocks as { kind: string }[]).some((b) => b.kind === 'qr')).toBe(false);
    const docx = await officer.get(`/api/documents/drafts/${one.id}/preview.docx`);
    expect(docx.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(docx.rawPayload);
    expect(Object.keys(zip.files).some((f) => /^word\/media\/.+\.png$/.test(f))).toBe(true);
    const pdf = await officer.get(`/api/documents/drafts/${one.id}/preview.pdf`);
    expect(pdf.statusCode).toBe(200);
    if (HAS_ZBAR) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'invitation-'));
      writeFileSync(path.join(dir, 'gm.pdf'), pdf.rawPayload);
      expect(spawnSync('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', path.join(dir, 'gm.pdf'), path.join(dir, 'p')]).status).toBe(0);
      const png = readdirSync(dir).find((f) => f.endsWith('.png'))!;
      const out = spawnSync('zbarimg', ['-q', '--raw', path.join(dir, png)], { encoding: 'utf8' });
      expect(out.stdout.trim()).toBe(qr!.url);
      rmSync(dir, { recursive: true, force: true });
    }

    const report = await officer.post(`/api/conferences/${c.id}/documents/report`);
    expect(report.statusCode).toBe(201);
    expect(report.json().type).toBe('BC');
    expect(JSON.stringify(report.json().model)).toContain('NĂM TRƯỚC');

    const minutes = await officer.post(`/api/conferences/${c.id}/documents/minutes`);
    expect(minutes.statusCode).toBe(201);
    expect(minutes.json().type).toBe('BB');
    expect(JSON.stringify(minutes.json().model)).toContain('Đã đề nghị UBND xã lắp trong tháng.');

    expect((await officer.post(`/api/conferences/${c.id}/documents/poem`)).statusCode).toBe(404);
    expect((await (await h.login('nhaplieu.thieuhoa')).post(`/api/conferences/${c.id}/documents/report`)).statusCode).toBe(403);
    expect((await (await h.login('canbo.dinhhoa')).post(`/api/conferences/${c.id}/documents/report`)).statusCode).toBe(404);
    const audit = await h.database.db.selectFrom('audit_events').select('action').where('action', '=', 'document.draft_create').where('unit_id', '=', unitId).execute();
    expect(audit.length).toBeGreaterThanOrEqual(4);
  });
});
