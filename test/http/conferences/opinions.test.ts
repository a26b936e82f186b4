// Live capture of opinions: each one an item in the register (channel conference, source the conference, received
// on its day); a spot answer closes it in the same transaction with outcome answered_on_spot and a public answer;
// a complaint cannot be answered on the spot and stays received. Then the follow-up and the conference's counts.
import { expect, it } from 'vitest';
import { todayVN } from '../../../src/core/dates.ts';
import { loadUnitGraph } from '../../../src/db/repos/units.ts';
import { DEMO } from '../../../src/seed/demo.ts';
import { forEachEngine } from '../../helpers/harness.ts';

forEachEngine('conference opinions', 'demo', (h) => {
  it('captures five opinions: one answered on the spot, one complaint left to its procedure', async () => {
    const officer = await h.login('canbo.thieuhoa');
    const clerk = await h.login('nhaplieu.thieuhoa');
    const unitId = (await loadUnitGraph(h.database.db)).idOf(DEMO.thieuHoaCommune)!;
    const c = (await officer.post('/api/conferences', {
      unitId, title: 'Hội nghị lắng nghe ý kiến Nhân dân năm 2026', period: '2026', date: todayVN(), startTime: '08:00', endTime: '11:00',
      venue: 'Hội trường UBND xã',
    })).json();
    const delegate = (await officer.post(`/api/conferences/${c.id}/delegates`, { fullName: 'Nguyễn Văn An', title: 'Trưởng thôn', organisation: 'Thôn 3', category: 'village_head' })).json();
    const url = `/api/conferences/${c.id}/opinions`;

    const first = await clerk.post(url, { delegateId: delegate.id, kind: 'request', topicCode: 'traffic', content: 'Đề nghị lắp biển báo giảm tốc độ ở ngã ba thôn 3.', answerMode: 'writing' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ seq: 1, state: 'received' });
    // Answering is a handling step: a clerk may record opinions, not answers.
    const spotByClerk = await clerk.post(url, { speakerName: 'Lê Thị Bình', kind: 'suggestion', content: 'Góp ý về giờ tiếp dân.', answerMode: 'spot', spotAnswer: 'Đã điều chỉnh.' });
    expect(spotByClerk.statusCode).toBe(403);
    expect((await officer.post(url, { kind: 'suggestion', content: 'Góp ý.', answerMode: 'spot' })).json().fields).toHaveProperty('spotAnswer');
    const spot = await officer.post(url, {
      speakerName: 'Lê Thị Bình', speakerTitle: 'Chủ tịch', speakerOrganisation: 'Hội Phụ nữ xã', kind: 'suggestion',
      content: 'Đề nghị Công an xã bố trí tiếp dân cả sáng thứ Bảy.', answerMode: 'spot',
      spotAnswer: 'Từ tháng 12, Công an xã tiếp dân sáng thứ Bảy hằng tuần.', answeredBy: 'Đồng chí Trưởng Công an xã',
    });
    expect(spot.statusCode).toBe(201);
    expect(spot.json()).toMatchObject({ seq: 2, state: 'closed' });
    expect((await clerk.post(url, { speakerName: 'Phạm Văn Cường', kind: 'praise', content: 'Cảm ơn các đồng chí đã giúp dân trong mùa lũ.', answerMode: 'writing' })).json().seq).toBe(3);
    const spotComplaint = await officer.post(url, { speakerName: 'Trần Văn Dũng', kind: 'complaint', content: 'Tôi khiếu nại quyết định xử phạt số 12.', answerMode: 'spot', spotAnswer: 'Sẽ xem xét.' });
    expect(spotComplaint.statusCode).toBe(400);
    expect(Object.keys(spotComplaint.json().fields)).toEqual(['answerMode']);
    const complaint = await officer.post(url, { speakerName: 'Trần Văn Dũng', kind: 'complaint', content: 'Tôi khiếu nại quyết định xử phạt số 12.', answerMode: 'writing' });
    expect(complaint.json()).toMatchObject({ seq: 4, state: 'received' });
    expect((await clerk.post(url, { kind: 'report', content: 'Phản ánh tụ tập thanh niên đua xe ban đêm ở đường liên xã.', answerMode: 'writing' })).json().seq).toBe(5);

    // Bad input: per field, never a 500.
    expect(Object.keys((await clerk.post(url, { kind: 'gossip', content: 'x', answerMode: 'writing' })).json().fields)).toEqual(['kind']);
    expect(Object.keys((await clerk.post(url, { kind: 'report', content: '   ', answerMode: 'writing' })).json().fields)).toEqual(['content']);
    expect(Object.keys((await clerk.post(url, { kind: 'report', content: 'x', answerMode: 'writing', topicCode: 'nope' })).json().fields)).toEqual(['topicCode']);
    expect(Object.keys((await clerk.post(url, { kind: 'report', content: 'x', answerMode: 'writing', delegateId: 999999 })).json().fields)).toEqual(['delegateId']);
    expect((await clerk.post(url, { kind: 'report', content: 'x', answerMode: 'later' })).statusCode).toBe(400);
    expect((await (await h.login('canbo.dinhhoa')).post(url, { kind: 'report', content: 'x', answerMode: 'writing' })).statusCode).toBe(404);

    // The spot answer is on the item, public, with the step the citizen sees.
    const item = (await officer.get(`/api/feedback/${spot.json().itemId}`)).json();
    expect(item).toMatchObject({
      channel: 'conference', state: 'closed', outcome: 'answered_on_spot', receivedOn: todayVN(),
      publicAnswer: 'Từ tháng 12, Công an xã tiếp dân sáng thứ Bảy hằng tuần.', source: { type: 'conference', ref: String(c.id) },
    });
    const steps = item.events.map((e: { action: string; publicMessage: string | null }) => [e.action, e.publicMessage]);
    expect(steps[1][0]).toBe('answer_on_spot');
    expect(steps[1][1]).toContain('trả lời trực tiếp tại hội nghị (Đồng chí Trưởng Công an xã)');
    const row = await h.database.db.selectFrom('feedback_items').select(['due_on', 'closed_on', 'answered_on', 'acked_on']).where('id', '=', spot.json().itemId).executeTakeFirstOrThrow();
    expect(row).toEqual({ due_on: null, closed_on: todayVN(), answered_on: todayVN(), acked_on: todayVN() });
    const speaker = await h.database.db.selectFrom('feedback_items as i').innerJoin('feedback_submitters as s', 's.id', 'i.submitter_id')
      .select(['s.full_name', 's.role_title', 's.organisation']).where('i.id', '=', first.json().itemId).executeTakeFirstOrThrow();
    expect(speaker).toEqual({ full_name: 'Nguyễn Văn An', role_title: 'Trưởng thôn', organisation: 'Thôn 3' });
    expect((await officer.get(`/api/feedback/${complaint.json().itemId}`)).json()).toMatchObject({ state: 'received', procedure: 'complaint' });

    const list = (await clerk.get(url)).json().opinions;
    expect(list.map((o: { seq: number }) => o.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(list[1]).toMatchObject({ answerMode: 'spot', spotAnswer: 'Từ tháng 12, Công an xã tiếp dân sáng thứ Bảy hằng tuần.', outcome: 'answered_on_spot', speaker: { name: 'Lê Thị Bình', title: 'Chủ tịch', organisation: 'Hội Phụ nữ xã' } });
    expect(list[0]).toMatchObject({ kind: 'request', topicCode: 'traffic', state: 'received', overdue: false });

    // Follow-up: accept the first and let it run late; transfer the complaint.
    await officer.post(`/api/feedback/${first.json().itemId}/actions`, { action: 'accept' });
    await h.database.db.updateTable('feedback_items').set({ due_on: '2020-01-02' }).where('id', '=', first.json().itemId).execute();
    await officer.post(`/api/feedback/${complaint.json().itemId}/actions`, { action: 'transfer' });
    const fu = (await clerk.get(`/api/conferences/${c.id}/follow-up`)).json();
    expect(fu.totals).toEqual({ raised: 5, answeredOnSpot: 1, answered: 1, open: 3, overdue: 1, dueSoon: 0 });
    expect(fu.opinions.map((o: { status: string }) => o.status)).toEqual(['overdue', 'answered_on_spot', 'open', 'answered', 'open']);
    expect((await clerk.get(`/api/conferences/${c.id}`)).json().counts).toMatchObject({ opinions: 5, answeredOnSpot: 1, answered: 1, toAnswer: 3, overdue: 1 });

    const audit = await h.database.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'conference').where('entity_id', '=', String(c.id)).execute();
    expect(audit.filter((a) => a.action === 'conference.opinion')).toHaveLength(5);
    const spotAudit = await h.database.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'feedback_item').where('entity_id', '=', String(spot.json().itemId)).orderBy('id').execute();
    expect(spotAudit.map((a) => a.action)).toEqual(['feedback.receive', 'feedback.answer_on_spot']);
  });

  it('refuses opinions before the conference day and on a cancelled conference', async () => {
    const officer = await h.login('canbo.thieuhoa');
    const leader = await h.login('lanhdao.thieuhoa');
    const unitId = (await loadUnitGraph(h.database.db)).idOf(DEMO.thieuHoaCommune)!;
    const next = `${Number(todayVN().slice(0, 4)) + 1}${todayVN().slice(4)}`.replace(/-02-29$/, '-02-28');
    const later = (await officer.post('/api/conferences', { unitId, title: 'Hội nghị', period: '2027', date: next, startTime: '08:00', endTime: '09:00', venue: 'Nhà văn hóa thôn 7' })).json();
    expect((await officer.post(`/api/conferences/${later.id}/opinions`, { kind: 'report', content: 'x', answerMode: 'writing' })).statusCode).toBe(409);
    await leader.post(`/api/conferences/${later.id}/state`, { action: 'cancel' });
    expect((await officer.post(`/api/conferences/${later.id}/opinions`, { kind: 'report', content: 'x', answerMode: 'writing' })).statusCode).toBe(409);
  });
});
