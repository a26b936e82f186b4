// Attendance: staff ticking on a tablet, the delegate's own QR code and the walk-in form (only while self check-in
// is on and on the conference day in Vietnam), and the counts the conference answers with.
import { expect, it } from 'vitest';
import { selfCheckIn, walkInCheckIn } from '../../../src/commands/conferences/checkin.ts';
import type { AppError } from '../../../src/core/errors.ts';
import { todayVN } from '../../../src/core/dates.ts';
import { loadUnitGraph } from '../../../src/db/repos/units.ts';
import { DEMO } from '../../../src/seed/demo.ts';
import { forEachEngine, type Client } from '../../helpers/harness.ts';

forEachEngine('conference check-in', 'demo', (h) => {
  let seq = 0;
  const publicCtx = () => ({ ...h.ctx, audit: { actor: null, ip: '203.0.113.5', userAgent: 'test' } });
  async function newConference(c: Client, date = todayVN()) {
    const unitId = (await loadUnitGraph(h.database.db)).idOf(DEMO.thieuHoaCommune)!;
    const res = await c.post('/api/conferences', {
      unitId, title: 'Hội nghị lắng nghe ý kiến Nhân dân', period: '2026', date, startTime: '08:00', endTime: '11:00', venue: `Nhà văn hóa số ${++seq}`,
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as number;
    for (const [fullName, category] of [['Nguyễn Văn An', 'village_head'], ['Lê Thị Bình', 'mass_org'], ['Phạm Văn Cường', 'resident']]) {
      expect((await c.post(`/api/conferences/${id}/delegates`, { fullName, category })).statusCode).toBe(201);
    }
    const delegates = (await c.get(`/api/conferences/${id}/delegates`)).json().delegates as { id: number; fullName: string }[];
    return { id, code: res.json().publicCode as string, delegates };
  }
  const errorOf = async (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);

  it('counts staff ticks and unticks, with an audit event each', async () => {
    const officer = await h.login('canbo.thieuhoa');
    const { id, delegates } = await newConference(officer);
    const clerk = await h.login('nhaplieu.thieuhoa');
    expect((await clerk.post(`/api/conferences/${id}/checkin`, { delegateId: delegates[0]!.id, present: true })).json().checkinMethod).toBe('staff');
    expect((await clerk.post(`/api/conferences/${id}/checkin`, { delegateId: delegates[1]!.id, present: true })).statusCode).toBe(200);
    // Ticking twice changes nothing.
    expect((await clerk.post(`/api/conferences/${id}/checkin`, { delegateId: delegates[1]!.id, present: true })).statusCode).toBe(200);
    expect((await officer.get(`/api/conferences/${id}`)).json().counts).toMatchObject({ delegates: 3, checkedIn: 2 });
    expect((await clerk.post(`/api/conferences/${id}/checkin`, { delegateId: delegates[1]!.id, present: false })).json().checkedInAt).toBeNull();
    expect((await officer.get(`/api/conferences/${id}`)).json().counts).toMatchObject({ delegates: 3, checkedIn: 1 });
    expect((await clerk.post(`/api/conferences/${id}/checkin`, { delegateId: 999999, present: true })).json().fields).toHaveProperty('delegateId');
    expect((await clerk.post(`/api/conferences/${id}/checkin`, { delegateId: delegates[0]!.id })).statusCode).toBe(400);
    const viewer = await h.login('canbo.dinhhoa');
    expect((await viewer.post(`/api/conferences/${id}/checkin`, { delegateId: delegates[2]!.id, present: true })).statusCode).toBe(404);
    const audit = await h.database.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'conference_delegate')
      .where('action', 'like', 'conference.checkin%').where('entity_id', 'in', delegates.map((d) => String(d.id))).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['conference.checkin', 'conference.checkin', 'conference.checkin_undo']);
  });

  it('lets delegates check themselves in only while check-in is open, on the day', async () => {
    const officer = await h.login('canbo.thieuhoa');
    const { id, code, delegates } = await newConference(officer);
    const token = (await h.database.db.selectFrom('conference_delegates').select('checkin_token').where('id', '=', delegates[2]!.id).executeTakeFirstOrThrow()).checkin_token;
    expect((await errorOf(selfCheckIn(publicCtx(), token)))?.fields).toHaveProperty('checkin');
    expect((await errorOf(selfCheckIn(publicCtx(), 'NOTATOKEN')))?.code).toBe('not_found');
    expect((await officer.post(`/api/conferences/${id}/checkin-open`, { open: true })).json().checkinOpen).toBe(true);
    const r = await selfCheckIn(publicCtx(), token.toLowerCase());
    expect(r).toMatchObject({ already: false, delegate: { fullName: 'Phạm Văn Cường' }, conference: { id } });
    expect((await selfCheckIn(publicCtx(), token)).already).toBe(true);

    // The walk-in form: someone on the list is checked in, not added twice; someone else is added as a walk-in.
    const listed = await walkInCheckIn(publicCtx(), code, { fullName: 'nguyen van an' });
    expect(listed).toMatchObject({ already: false, delegate: { fullName: 'Nguyễn Văn An' } });
    const walk = await walkInCheckIn(publicCtx(), code.toLowerCase(), { fullName: 'Đỗ Văn Mới', title: 'Người dân', village: 'Thôn 4' });
    expect(walk.already).toBe(false);
    expect((await errorOf(walkInCheckIn(publicCtx(), code, { fullName: ' ' })))?.fields).toHaveProperty('fullName');
    expect((await errorOf(walkInCheckIn(publicCtx(), code, { fullName: 'A', village: 'x'.repeat(300) })))?.fields).toHaveProperty('village');
    expect((await errorOf(walkInCheckIn(publicCtx(), 'ZZZZZZZZ', { fullName: 'A' })))?.code).toBe('not_found');
    const list = (await officer.get(`/api/conferences/${id}/delegates`)).json().delegates as { fullName: string; walkIn: boolean; checkinMethod: string | null }[];
    expect(list.filter((d) => d.walkIn).map((d) => d.fullName)).toEqual(['Đỗ Văn Mới']);
    expect(list.filter((d) => d.checkinMethod === 'self')).toHaveLength(3);
    expect((await officer.get(`/api/conferences/${id}`)).json().counts).toMatchObject({ delegates: 4, checkedIn: 3 });
    const audit = await h.database.db.selectFrom('audit_events').select(['actor_user_id', 'ip']).where('action', '=', 'conference.checkin').where('ip', '=', '203.0.113.5').execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
    expect(audit.every((a) => a.actor_user_id === null)).toBe(true);

    // Closed again (or held): no more self check-in.
    expect((await officer.post(`/api/conferences/${id}/checkin-open`, { open: false })).json().checkinOpen).toBe(false);
    expect((await errorOf(walkInCheckIn(publicCtx(), code, { fullName: 'Người Đến Muộn' })))?.fields).toHaveProperty('checkin');
  });

  it('refuses self check-in on another day even when switched on', async () => {
    const officer = await h.login('canbo.thieuhoa');
    const next = `${Number(todayVN().slice(0, 4)) + 1}${todayVN().slice(4)}`.replace(/-02-29$/, '-02-28');
    const { id, code } = await newConference(officer, next);
    expect((await officer.post(`/api/conferences/${id}/checkin-open`, { open: true })).statusCode).toBe(200);
    expect((await errorOf(walkInCheckIn(publicCtx(), code, { fullName: 'Sớm Quá' })))?.fields).toHaveProperty('checkin');
  });
});
