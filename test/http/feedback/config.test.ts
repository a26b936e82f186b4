// Configuring the register through the staff API: response templates (rights, placeholders, the citizen's name
// only for those allowed to see it), deadline and retention settings (root administrators only, per-field errors),
// the working-day calendar (Vietnamese holidays; an admin's day off moves the next items' deadlines).
import { describe, expect, it } from 'vitest';
import { forEachEngine } from '../../helpers/harness.ts';
import { WorkingCalendar } from '../../../src/core/calendar/index.ts';
import { todayVN, formatDate } from '../../../src/core/dates.ts';
import { listPlaceholders, renderTemplate } from '../../../src/core/feedback/templates.ts';
import { formatTrackingCode } from '../../../src/core/feedback/tracking.ts';
import { loadUnitGraph } from '../../../src/db/repos/units.ts';
import { DEMO } from '../../../src/seed/demo.ts';
import { queueDeadlineReminders } from '../../../src/commands/feedback/reminders.ts';

describe('renderTemplate', () => {
  it('fills known placeholders once, leaves unknown and empty ones visible and reports them, never touches markup', () => {
    const r = renderTemplate('Kính gửi: {ten_nguoi_gui}\n{noi_dung_tom_tat} — {linh_vuc} {so_cv} {ma_theo_doi} {ten_nguoi_gui}', {
      ten_nguoi_gui: 'Ông/Bà Lê Văn Tám', noi_dung_tom_tat: '<b>Đèn</b> & {ma_theo_doi}', linh_vuc: null, ma_theo_doi: 'ABCDE-FGHJK',
    });
    expect(r.text).toBe('Kính gửi: Ông/Bà Lê Văn Tám\n<b>Đèn</b> & {ma_theo_doi} — {linh_vuc} {so_cv} ABCDE-FGHJK Ông/Bà Lê Văn Tám');
    expect(r.unknown).toEqual(['so_cv']);
    expect(r.missing).toEqual(['linh_vuc']);
    expect(r.gaps).toEqual([]);
    // What only the officer can write is a "[...]" gap, reported once each; brackets in a value are the value's.
    const g = renderTemplate('{noi_dung_tom_tat}: [kết quả kiểm tra]. [số văn bản] và [kết quả kiểm tra].\n[không\nphải]', { noi_dung_tom_tat: 'Đèn [thôn 3]' });
    expect(g.text.startsWith('Đèn [thôn 3]: ')).toBe(true);
    expect(g.gaps).toEqual(['[kết quả kiểm tra]', '[số văn bản]']);
    expect(listPlaceholders('{a} {tên} {a} { b } {}')).toEqual(['a', 'tên']);
  });
});

forEachEngine('feedback configuration', 'demo', (h) => {
  async function unitId(code: string) {
    return (await loadUnitGraph(h.database.db)).idOf(code)!;
  }
  async function auditActions(prefix: string) {
    const rows = await h.database.db.selectFrom('audit_events').select(['action', 'after_json']).where('action', 'like', `${prefix}%`).orderBy('id').execute();
    return rows;
  }

  it('lets leaders and admins keep templates of their units; clerks and outsiders may not', async () => {
    const commune = await unitId(DEMO.thieuHoaCommune);
    const leader = await h.login('lanhdao.thieuhoa');
    const clerk = await h.login('nhaplieu.thieuhoa');
    const outsider = await h.login('canbo.dinhhoa');
    const body = { unitId: commune, topicCode: 'traffic', title: 'Trả lời về giao thông', body: 'Kính gửi: {ten_nguoi_gui}\nVề ý kiến {ma_theo_doi}: {so_cong_van}' };

    const created = await leader.post('/api/feedback-templates', body);
    expect(created.statusCode).toBe(201);
    const tpl = created.json();
    expect(tpl).toMatchObject({ unitId: commune, topicCode: 'traffic', placeholders: ['ten_nguoi_gui', 'ma_theo_doi', 'so_cong_van'], unknownPlaceholders: ['so_cong_van'], canEdit: true });

    expect((await clerk.post('/api/feedback-templates', body)).statusCode).toBe(403);
    const outside = await outsider.post('/api/feedback-templates', body);
    expect(outside.statusCode).toBe(400);
    expect(outside.json().fields).toHaveProperty('unitId');
    const bad = await leader.post('/api/feedback-templates', { ...body, title: '   ', topicCode: 'khong_co' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().fields)).toEqual(['title']);
    const badTopic = await leader.post('/api/feedback-templates', { ...body, topicCode: 'khong_co' });
    expect(badTopic.json().fields).toHaveProperty('topicCode');
    expect((await leader.post('/api/feedback-templates', { ...body, extra: 1 })).statusCode).toBe(400);

    const list = (await clerk.get(`/api/feedback-templates?unitId=${commune}`)).json();
    expect(list.canEdit).toBe(false);
    // The commune's own: the demo's and this one (the province's are the province's).
    expect(list.templates.map((t: { id: number; unitId: number }) => t.unitId)).toEqual(list.templates.map(() => commune));
    expect(list.templates.map((t: { id: number }) => t.id)).toContain(tpl.id);
    expect(list.placeholders.map((p: { name: string }) => p.name)).toContain('ngay_tiep_nhan');
    expect((await outsider.get(`/api/feedback-templates?unitId=${commune}`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/feedback-templates/${tpl.id}`)).statusCode).toBe(404);

    expect((await clerk.patch(`/api/feedback-templates/${tpl.id}`, { title: 'X' })).statusCode).toBe(403);
    const patched = await leader.patch(`/api/feedback-templates/${tpl.id}`, { title: 'Trả lời: trật tự giao thông', topicCode: null });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ title: 'Trả lời: trật tự giao thông', topicCode: null });
    expect((await clerk.delete(`/api/feedback-templates/${tpl.id}`)).statusCode).toBe(403);
    expect((await leader.delete(`/api/feedback-templates/${tpl.id}`)).json()).toEqual({ ok: true });
    expect((await leader.get(`/api/feedback-templates/${tpl.id}`)).statusCode).toBe(404);
    const trail = await h.database.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'feedback_template')
      .where('entity_id', '=', String(tpl.id)).orderBy('id').execute();
    expect(trail.map((a) => a.action)).toEqual(['feedback.template_create', 'feedback.template_update', 'feedback.template_delete']);
  });

  it('offers an item the templates of its unit and the units above, topic first, and renders them; the name only for the contact right', async () => {
    const commune = await unitId(DEMO.thieuHoaCommune);
    const province = await unitId(DEMO.province);
    const leader = await h.login('lanhdao.thieuhoa');
    const admin = await h.login('quantri.tinh');
    const officer = await h.login('canbo.thieuhoa');
    const clerk = await h.login('nhaplieu.thieuhoa');
    const general = (await admin.post('/api/feedback-templates', {
      unitId: province, title: 'Mẫu chung của tỉnh', body: 'Kính gửi: {ten_nguoi_gui}\n{don_vi} đã nhận ý kiến số {so_so} ngày {ngay_tiep_nhan} về {linh_vuc}.',
    })).json();
    const traffic = (await leader.post('/api/feedback-templates', {
      unitId: commune, topicCode: 'traffic',
      title: 'Giao thông', body: 'Kính gửi: {ten_nguoi_gui},\nVề ý kiến {ma_theo_doi} ({noi_dung_tom_tat}), lĩnh vực {linh_vuc}. Số công văn {so_cong_van}. Ngày {ngay_hom_nay}.',
    })).json();
    const other = (await leader.post('/api/feedback-templates', { unitId: commune, topicCode: 'fire', title: 'PCCC', body: 'Về phòng cháy.' })).json();
    const elsewhere = (await (await h.login('quantri.tinh')).post('/api/feedback-templates', {
      unitId: await unitId(DEMO.dinhHoaCommune), title: 'Định Hòa', body: 'Mẫu của xã khác.',
    })).json();

    const entered = await clerk.post('/api/feedback', {
      unitId: commune, channel: 'hotline', kind: 'report', topicCode: 'traffic', summary: 'Xe tải chạy quá tốc độ qua trường học',
      content: 'Xe tải chạy quá tốc độ qua cổng trường tiểu học vào giờ tan học.', submitter: { fullName: 'Lê Văn Tám', phone: '0912345678' },
    });
    expect(entered.statusCode).toBe(201);
    const item = entered.json();

    const offered = (await clerk.get(`/api/feedback/${item.id}/templates`)).json();
    const ours = new Set([traffic.id, general.id, other.id, elsewhere.id]);
    // The test's own, in the order offered (the demo's own templates are offered too, each in its place).
    expect(offered.templates.filter((t: { id: number }) => ours.has(t.id)).map((t: { id: number; match: string }) => [t.id, t.match]))
      .toEqual([[traffic.id, 'topic'], [general.id, 'general'], [other.id, 'other']]);
    const rank = { topic: 0, parent_topic: 1, general: 2, other: 3 } as const;
    const ranks = offered.templates.map((t: { match: keyof typeof rank }) => rank[t.match]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(offered.templates.map((t: { unitId: number }) => t.unitId).every((u: number) => u === commune || u === province)).toBe(true);

    const today = formatDate(todayVN());
    const byOfficer = await officer.get(`/api/feedback/${item.id}/templates/${traffic.id}/render`);
    expect(byOfficer.statusCode).toBe(200);
    const r = byOfficer.json();
    expect(r.text).toBe(`Kính gửi: Ông/Bà Lê Văn Tám,\nVề ý kiến ${formatTrackingCode(item.trackingCode)} (Xe tải chạy quá tốc độ qua trường học), lĩnh vực Trật tự an toàn giao thông. Số công văn {so_cong_van}. Ngày ${today}.`);
    expect(r).toMatchObject({ unknown: ['so_cong_van'], missing: [], nameShown: true });
    const views = await h.database.db.selectFrom('audit_events').select('after_json').where('action', '=', 'feedback.contact_view').where('entity_id', '=', String(item.id)).execute();
    expect(views.map((v) => JSON.parse(v.after_json!).via)).toEqual(['template']);

    const byClerk = (await clerk.get(`/api/feedback/${item.id}/templates/${traffic.id}/render`)).json();
    expect(byClerk.text).toContain('Kính gửi: Ông/Bà,\n');
    expect(byClerk.text).not.toContain('Lê Văn Tám');
    expect(byClerk.nameShown).toBe(false);

    const detail = (await officer.get(`/api/feedback/${item.id}`)).json();
    const g = (await officer.get(`/api/feedback/${item.id}/templates/${general.id}/render`)).json();
    expect(g.text).toBe(`Kính gửi: Ông/Bà Lê Văn Tám\n${detail.unitName} đã nhận ý kiến số ${item.registerNo}/${item.registerYear} ngày ${formatDate(detail.receivedOn)} về Trật tự an toàn giao thông.`);

    expect((await officer.get(`/api/feedback/${item.id}/templates/${elsewhere.id}/render`)).statusCode).toBe(404);
    expect((await (await h.login('canbo.dinhhoa')).get(`/api/feedback/${item.id}/templates`)).statusCode).toBe(404);
  });

  it('shows the deadline settings to everyone; only the root administrator changes them, value by value', async () => {
    const clerk = await h.login('nhaplieu.thieuhoa');
    const provinceAdmin = await h.login('quantri.tinh');
    const root = await h.login('quantri.bo');
    const read = (await clerk.get('/api/feedback-settings')).json();
    expect(read).toMatchObject({ retentionDays: 730, canEdit: false, deadlines: { suggestion: { ack: 10, forward: 5, resolve: 30 }, praise: { resolve: null } } });
    expect((await root.get('/api/feedback-settings')).json().canEdit).toBe(true);
    // When the deadline reminders go out, and what the last run sent (its audit event).
    expect(read.reminders).toEqual({ fromHour: 7, withinDays: 2, last: null, unreachablePeople: [] });
    const sent = await queueDeadlineReminders(h.ctx, { day: '2026-12-01' });
    expect((await clerk.get('/api/feedback-settings')).json().reminders.last).toEqual({ day: '2026-12-01', items: sent.items, messages: sent.messages, unreachable: sent.unreachable });
    expect(sent.messages).toBeGreaterThan(0);

    const change = { deadlines: { report: { ack: 7, forward: 3, resolve: null } }, retentionDays: 365 };
    expect((await provinceAdmin.put('/api/feedback-settings', change)).statusCode).toBe(403);
    expect((await clerk.put('/api/feedback-settings', change)).statusCode).toBe(403);

    const bad = await root.put('/api/feedback-settings', { deadlines: { report: { ack: 0, forward: 91, resolve: 1.5 }, praise: { ack: 5, forward: 5 } }, retentionDays: 10 });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().fields).sort()).toEqual(['deadlines.praise.resolve', 'deadlines.report.ack', 'deadlines.report.forward', 'deadlines.report.resolve', 'retentionDays']);
    expect((await root.put('/api/feedback-settings', { retentionDays: 4000 })).json().fields).toHaveProperty('retentionDays');
    expect((await root.put('/api/feedback-settings', { deadlines: { gossip: { ack: 5, forward: 5, resolve: 5 } } })).statusCode).toBe(400);

    const ok = await root.put('/api/feedback-settings', change);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ retentionDays: 365, deadlines: { report: { ack: 7, forward: 3, resolve: null }, request: { ack: 10 } } });
    expect((await clerk.get('/api/feedback-settings')).json().deadlines.report.ack).toBe(7);
    const audit = await auditActions('feedback.settings');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after_json!)).toEqual({ 'deadlines.report': { ack: 7, forward: 3, resolve: null }, retentionDays: 365 });

    // New items take the new rule at once.
    const entered = (await clerk.post('/api/feedback', { unitId: await unitId(DEMO.thieuHoaCommune), channel: 'letter', kind: 'report', content: 'Tụ tập đánh bạc ở bãi đất trống.' })).json();
    expect(entered.ackDueOn).toBe(new WorkingCalendar().addWorkingDays(todayVN(), 7));
  });

  it('lists the year: Tết, Giỗ Tổ and days in lieu, the overrides, the working days of each month', async () => {
    const clerk = await h.login('nhaplieu.thieuhoa');
    const res = await clerk.get('/api/calendar?year=2026');
    expect(res.statusCode).toBe(200);
    const cal = res.json();
    const find = (d: string) => cal.holidays.find((x: { date: string }) => x.date === d);
    expect(find('2026-02-17')).toMatchObject({ nameKey: 'holiday.tet', name: 'Tết Nguyên đán (mùng 1)', working: false, inLieu: false });
    expect(find('2026-04-26')).toMatchObject({ nameKey: 'holiday.hung_kings', name: 'Giỗ Tổ Hùng Vương', weekday: 'sun' });
    expect(find('2026-04-27')).toMatchObject({ inLieu: true, working: false });
    expect(cal.months).toHaveLength(12);
    expect(cal.months.reduce((s: number, m: { workingDays: number }) => s + m.workingDays, 0)).toBe(cal.workingDays);
    const calendar = new WorkingCalendar();
    expect(cal.months[1].workingDays).toBe(calendar.workingDaysBetween('2026-01-31', '2026-02-28'));
    expect(cal.canEdit).toBe(false);
    const en = (await clerk.get('/api/calendar?year=2026&lang=en')).json();
    expect(en.holidays.find((x: { date: string }) => x.date === '2026-02-17').name).toBe('Lunar New Year (Tết)');
    expect((await clerk.get('/api/calendar?year=1800')).json().fields).toHaveProperty('year');
    expect((await clerk.get(`/api/calendar`)).json().year).toBe(Number(todayVN().slice(0, 4)));
  });

  it("an administrator's day off moves the acknowledgement date of items received after it by one working day", async () => {
    const commune = await unitId(DEMO.thieuHoaCommune);
    const clerk = await h.login('nhaplieu.thieuhoa');
    const root = await h.login('quantri.bo');
    const provinceAdmin = await h.login('quantri.tinh');
    const enter = async () => (await clerk.post('/api/feedback', { unitId: commune, channel: 'hotline', kind: 'request', content: 'Đề nghị tuần tra khu chợ đêm.' })).json();
    const today = todayVN();
    const calendar = new WorkingCalendar();
    const before = await enter();
    expect(before.ackDueOn).toBe(calendar.addWorkingDays(today, 10));
    const day = calendar.addWorkingDays(today, 1);

    expect((await provinceAdmin.put(`/api/calendar-days/${day}`, { kind: 'off', name: 'Nghỉ theo quyết định' })).statusCode).toBe(403);
    const badKind = await root.put(`/api/calendar-days/${day}`, { kind: 'holiday' });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().fields).toHaveProperty('kind');
    expect((await root.put('/api/calendar-days/2026-02-30', { kind: 'off' })).json().fields).toHaveProperty('day');

    const set = await root.put(`/api/calendar-days/${day}`, { kind: 'off', name: 'Nghỉ theo quyết định' });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ day, kind: 'off', created: true });
    const after = await enter();
    expect(after.ackDueOn).toBe(calendar.addWorkingDays(before.ackDueOn, 1));
    expect(calendar.workingDaysBetween(before.ackDueOn, after.ackDueOn)).toBe(1);
    const listed = (await clerk.get(`/api/calendar?year=${day.slice(0, 4)}`)).json();
    expect(listed.overrides).toEqual([expect.objectContaining({ day, kind: 'off', name: 'Nghỉ theo quyết định' })]);

    expect((await provinceAdmin.delete(`/api/calendar-days/${day}`)).statusCode).toBe(403);
    expect((await root.delete(`/api/calendar-days/${day}`)).json()).toEqual({ ok: true });
    expect((await root.delete(`/api/calendar-days/${day}`)).statusCode).toBe(404);
    expect((await enter()).ackDueOn).toBe(before.ackDueOn);
    expect((await auditActions('calendar.')).map((a) => a.action)).toEqual(['calendar.day_set', 'calendar.day_delete']);
  });
});
