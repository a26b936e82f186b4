// Planning conferences through the staff API: per-field errors, the venue overlap check (folded), edits, states,
// the list in scope, 404 outside the scope, 403 without the right, and the audit trail.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { todayVN } from '../../../src/core/dates.ts';
import { loadUnitGraph } from '../../../src/db/repos/units.ts';
import { DEMO } from '../../../src/seed/demo.ts';
import { forEachEngine } from '../../helpers/harness.ts';

forEachEngine('conference planning', 'demo', (h) => {
  const unitId = async (code: string) => (await loadUnitGraph(h.database.db)).idOf(code)!;
  const plan = async (extra: Record<string, unknown> = {}) => ({
    unitId: await unitId(DEMO.thieuHoaCommune), title: 'Hội nghị Công an lắng nghe ý kiến Nhân dân năm 2026', period: '2026',
    date: todayVN(), startTime: '08:00', endTime: '11:00', venue: 'Hội trường UBND xã', coOrganisers: ['Ủy ban MTTQ xã'],
    agenda: [{ time: '08:00', title: 'Khai mạc', presenter: null }], presiding: { name: 'Hoàng Văn Thành', title: 'Trưởng Công an xã' },
    ...extra,
  });

  it('plans a conference and answers it as the contract says', async () => {
    const officer = await h.login('canbo.thieuhoa');
    const res = await officer.post('/api/conferences', await plan({ date: todayVN().split('-').reverse().join('/') }));
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      unitName: 'Công an xã Thiệu Hóa', state: 'planned', heldOn: todayVN(), venue: 'Hội trường UBND xã', checkinOpen: false,
      coOrganisers: ['Ủy ban MTTQ xã'], presiding: { name: 'Hoàng Văn Thành', title: 'Trưởng Công an xã' }, secretary: null,
      counts: { delegates: 0, checkedIn: 0, opinions: 0, answeredOnSpot: 0, toAnswer: 0, answered: 0, overdue: 0, photos: 0, formsHandedOut: 0, formsReturned: 0 },
    });
    // 08:00 in Vietnam is 01:00 UTC.
    expect(c.startsAt).toBe(`${todayVN()}T01:00:00.000Z`);
    expect(c.endsAt).toBe(`${todayVN()}T04:00:00.000Z`);
    expect(c.allowed).toEqual(expect.arrayContaining(['read', 'plan', 'run', 'contact']));
    expect(c.allowed).not.toContain('publish');
    expect(c.urls).toEqual({ summary: `/hn/${c.publicCode}`, checkin: `/hn/${c.publicCode}/diem-danh` });

    const list = (await officer.get(`/api/conferences?year=${todayVN().slice(0, 4)}`)).json();
    expect(list.conferences.map((x: { id: number }) => x.id)).toContain(c.id);
    expect(list.total).toBeGreaterThanOrEqual(1);
    const audit = await h.database.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'conference').where('entity_id', '=', String(c.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(['conference.create']);
  });

  it('names each bad field', async () => {
    const officer = await h.login('canbo.thieuhoa');
    const bad = async (extra: Record<string, unknown>) => {
      const res = await officer.post('/api/conferences', await plan({ venue: 'Nhà văn hóa thôn 9', ...extra }));
      expect(res.statusCode).toBe(400);
      return res.json().fields as Record<string, string>;
    };
    expect(Object.keys(await bad({ startTime: '25:00' }))).toEqual(['startTime']);
    expect(Object.keys(await bad({ startTime: '8h' }))).toEqual(['startTime']);
    expect((await bad({ startTime: '10:00', endTime: '09:30' })).endTime).toContain('sau giờ bắt đầu');
    expect(Object.keys(await bad({ date: '31/02/2026' }))).toEqual(['date']);
    expect(Object.keys(await bad({ title: '  ' }))).toEqual(['title']);
    expect(Object.keys(await bad({ venue: '' }))).toEqual(['venue']);
    expect(Object.keys(await bad({ title: 'x'.repeat(301) }))).toEqual(['title']);
    expect(Object.keys(await bad({ agenda: 'none' }))).toEqual(['agenda']);
    expect(Object.keys(await bad({ surprise: 1 }))).toEqual(['surprise']);
    expect((await officer.post('/api/conferences', 'not json', { 'content-type': 'application/json' })).statusCode).toBe(400);
  });

  it('refuses an overlapping conference in the same venue however it is written', async () => {
    const officer = await h.login('canbo.thieuhoa');
    const first = await officer.post('/api/conferences', await plan({ venue: 'Hội trường UBND xã Thiệu Hóa', startTime: '13:30', endTime: '16:00' }));
    expect(first.statusCode).toBe(201);
    const clash = await officer.post('/api/conferences', await plan({ venue: '  hoi truong  UBND xa thieu hoa ', startTime: '15:00', endTime: '17:00' }));
    expect(clash.statusCode).toBe(409);
    expect(Object.keys(clash.json().fields)).toEqual(['venue']);
    // Back to back is fine; so is the same time elsewhere.
    expect((await officer.post('/api/conferences', await plan({ venue: 'hoi truong ubnd xa thieu hoa', startTime: '16:00', endTime: '17:00' }))).statusCode).toBe(201);
    expect((await officer.post('/api/conferences', await plan({ venue: 'Nhà văn hóa thôn 2', startTime: '14:00', endTime: '15:00' }))).statusCode).toBe(201);
    // Moving another conference into the slot is refused too; cancelling the first frees it.
    const other = (await officer.post('/api/conferences', await plan({ venue: 'Nhà văn hóa thôn 3', startTime: '14:00', endTime: '15:00' }))).json();
    const move = await officer.patch(`/api/conferences/${other.id}`, { venue: 'HỘI TRƯỜNG UBND XÃ THIỆU HÓA' });
    expect(move.statusCode).toBe(409);
    const leader = await h.login('lanhdao.thieuhoa');
    expect((await officer.post(`/api/conferences/${first.json().id}/state`, { action: 'cancel' })).statusCode).toBe(403);
    expect((await leader.post(`/api/conferences/${first.json().id}/state`, { action: 'cancel' })).json().state).toBe('cancelled');
    expect((await officer.patch(`/api/conferences/${other.id}`, { venue: 'HỘI TRƯỜNG UBND XÃ THIỆU HÓA' })).json().venue).toBe('HỘI TRƯỜNG UBND XÃ THIỆU HÓA');
    // Reopening needs a reason, and the venue is now taken.
    expect((await leader.post(`/api/conferences/${first.json().id}/state`, { action: 'reopen' })).statusCode).toBe(400);
  });

  it('edits, holds, reopens with a reason, publishes; checks scope and rights', async () => {
    const officer = await h.login('canbo.thieuhoa');
    const c = (await officer.post('/api/conferences', await plan({ venue: 'Nhà văn hóa thôn 5' }))).json();
    const edited = await officer.patch(`/api/conferences/${c.id}`, { startTime: '07:30', extraAttendance: 12, proceedings: 'Đồng chí Trưởng Công an xã báo cáo.' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ startsAt: `${todayVN()}T00:30:00.000Z`, extraAttendance: 12, proceedings: 'Đồng chí Trưởng Công an xã báo cáo.' });
    expect((await officer.patch(`/api/conferences/${c.id}`, { endTime: '07:00' })).statusCode).toBe(400);
    expect((await officer.patch(`/api/conferences/${c.id}`, { extraAttendance: -1 })).statusCode).toBe(400);

    const other = await h.login('canbo.dinhhoa');
    expect((await other.get(`/api/conferences/${c.id}`)).statusCode).toBe(404);
    expect((await other.patch(`/api/conferences/${c.id}`, { title: 'x' })).statusCode).toBe(404);
    expect((await other.get('/api/conferences')).json().conferences.map((x: { id: number }) => x.id)).not.toContain(c.id);
    expect((await officer.get('/api/conferences/999999999')).statusCode).toBe(404);
    expect((await officer.get('/api/conferences/abc')).statusCode).toBe(404);
    const clerk = await h.login('nhaplieu.thieuhoa');
    expect((await clerk.patch(`/api/conferences/${c.id}`, { title: 'Sửa' })).statusCode).toBe(403);
    expect((await clerk.post('/api/conferences', await plan({ venue: 'Nơi khác' }))).statusCode).toBe(403);
    expect((await other.post('/api/conferences', await plan({ venue: 'Nơi khác' }))).json().fields).toHaveProperty('unitId');

    const leader = await h.login('lanhdao.thieuhoa');
    expect((await leader.post(`/api/conferences/${c.id}/publish`, { publicSummary: 'Tóm tắt' })).statusCode).toBe(409);
    expect((await officer.post(`/api/conferences/${c.id}/state`, { action: 'hold' })).json().state).toBe('held');
    expect((await officer.post(`/api/conferences/${c.id}/state`, { action: 'hold' })).statusCode).toBe(409);
    expect((await officer.post(`/api/conferences/${c.id}/publish`, { publicSummary: 'Tóm tắt' })).statusCode).toBe(403);
    const pub = (await leader.post(`/api/conferences/${c.id}/publish`, { publicSummary: 'Hội nghị ghi nhận 5 ý kiến.' })).json();
    expect(pub.publishedAt).toBeTruthy();
    expect(pub.allowed).toContain('publish');
    expect((await officer.post(`/api/conferences/${c.id}/state`, { action: 'reopen', reason: 'Ghi nhầm' })).json().state).toBe('planned');
    expect((await officer.post(`/api/conferences/${c.id}/state`, { action: 'dance' })).statusCode).toBe(400);

    const audit = await h.database.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'conference').where('entity_id', '=', String(c.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['conference.create', 'conference.update', 'conference.hold', 'conference.publish', 'conference.reopen']);
    const me = (await officer.get('/api/auth/me')).json();
    expect(me.can).toMatchObject({ readConferences: true, planConferences: true });
  });

  it('refuses to hold a conference planned for a later day', async () => {
    const officer = await h.login('canbo.thieuhoa');
    const later = `${Number(todayVN().slice(0, 4)) + 1}${todayVN().slice(4)}`.replace(/-02-29$/, '-02-28');
    const c = (await officer.post('/api/conferences', await plan({ date: later, venue: 'Nhà văn hóa thôn 6' }))).json();
    expect((await officer.post(`/api/conferences/${c.id}/state`, { action: 'hold' })).statusCode).toBe(400);
  });

  it('answers any body on any conference endpoint without a 500', async () => {
    const officer = await h.login('canbo.thieuhoa');
    const c = (await officer.post('/api/conferences', await plan({ venue: 'Nhà văn hóa thôn Thử' }))).json();
    const d = (await officer.post(`/api/conferences/${c.id}/delegates`, { fullName: 'Người Thử', category: 'guest' })).json();
    const targets: [string, string][] = [
      ['POST', '/api/conferences'], ['PATCH', `/api/conferences/${c.id}`], ['POST', `/api/conferences/${c.id}/state`],
      ['POST', `/api/conferences/${c.id}/delegates`], ['PATCH', `/api/conferences/${c.id}/delegates/${d.id}`],
      ['POST', `/api/conferences/${c.id}/checkin`], ['POST', `/api/conferences/${c.id}/opinions`], ['POST', `/api/conferences/${c.id}/paper-batch`],
      ['POST', `/api/conferences/${c.id}/checkin-open`], ['POST', `/api/conferences/${c.id}/publish`],
    ];
    const field = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.array(fc.string(), { maxLength: 3 }), fc.double(),
      fc.constantFrom('08:00', '23:59', '24:00', todayVN(), '31/12/2026', 'spot', 'writing', 'request', 'complaint', 'resident', '+84912345678', 'a\u0000b'));
    const body = fc.dictionary(fc.constantFrom('unitId', 'title', 'period', 'date', 'startTime', 'endTime', 'venue', 'agenda', 'presiding', 'action',
      'reason', 'fullName', 'phone', 'email', 'category', 'delegateId', 'present', 'kind', 'content', 'answerMode', 'spotAnswer', 'batchId', 'open',
      'publicSummary', 'extraAttendance', 'coOrganisers', 'x'), field, { maxKeys: 6 });
    await fc.assert(fc.asyncProperty(fc.constantFrom(...targets), body, async ([method, url], b) => {
      const res = method === 'POST' ? await officer.post(url, b) : await officer.patch(url, b);
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(b)}: ${res.body}`).toBeLessThan(500);
    }), { numRuns: 60 });
    for (const url of ['/api/conferences?year=abc', '/api/conferences?limit=0', '/api/conferences?unitId=99999999999', `/api/conferences/${c.id}/delegates/abc/contact`,
      '/api/conferences/overview?unitId=1&year=x', `/api/conferences/${2 ** 40}/opinions`]) {
      expect((await officer.get(url)).statusCode, url).toBeLessThan(500);
    }
  });
});
