// Deadline reminders: each officer is told of their overdue and nearly due items, a unit's leaders of such items
// that wait for them (nobody assigned, an answer to approve), once a working day, by email or by the gateway to a phone, with no content or citizen in
// the message; and `langnghe reminders run` does the same from the command line.
import { beforeAll, expect, it } from 'vitest';
import { forEachEngine } from '../helpers/harness.ts';
import { runCli } from '../cli/cli.ts';
import { queueDeadlineReminders, reminderMessage, REMINDER_MAX_LINES, remindIfDue } from '../../src/commands/feedback/reminders.ts';
import { receiveFeedback } from '../../src/commands/feedback/intake.ts';
import { OWING_STATES } from '../../src/core/feedback/lifecycle.ts';
import { loadUnitGraph } from '../../src/db/repos/units.ts';
import { verifyAuditChain } from '../../src/commands/audit/verify.ts';
import { DEMO } from '../../src/seed/demo.ts';

// Tuesday 1 December 2026, a working day; the 5th is a Saturday.
const DAY = '2026-12-01';
const CONTENT = 'Nội dung riêng tư của công dân Nguyễn Văn Bí Mật';

forEachEngine('deadline reminders', 'demo', (h) => {
  const ids: Record<'overdue' | 'soon' | 'later' | 'unassigned' | 'drafted' | 'orphaned' | 'approved' | 'otherUnit', number> = {} as never;
  let registerNo: (id: number) => Promise<string>;

  beforeAll(async () => {
    const db = h.database.db;
    const graph = await loadUnitGraph(db);
    const thieuHoa = graph.idOf(DEMO.thieuHoaCommune)!;
    const dinhHoa = graph.idOf(DEMO.dinhHoaCommune)!;
    const user = async (username: string) => (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
    // The demo's own open items are put far off, so that only this test's items are due.
    await db.updateTable('feedback_items').set({ due_on: '2099-01-01' }).where('state', 'in', [...OWING_STATES]).execute();
    await db.updateTable('users').set({ email: 'lan.dt@thieuhoa.example', phone: null }).where('username', '=', 'canbo.thieuhoa').execute();
    await db.updateTable('users').set({ email: null, phone: '0912000111' }).where('username', '=', 'lanhdao.thieuhoa').execute();
    await db.updateTable('users').set({ email: null, phone: null }).where('username', '=', 'canbo.dinhhoa').execute();
    const make = async (unitId: number, state: string, dueOn: string, assignee: string | null) => {
      const { id } = await receiveFeedback(h.ctx, { unitId, channel: 'hotline', kind: 'report', content: CONTENT });
      await db.updateTable('feedback_items').set({ state: state as never, due_on: dueOn, assignee_id: assignee ? await user(assignee) : null }).where('id', '=', id).execute();
      return id;
    };
    ids.overdue = await make(thieuHoa, 'in_progress', '2026-11-27', 'canbo.thieuhoa'); // Friday: Monday and Tuesday since
    ids.soon = await make(thieuHoa, 'assigned', '2026-12-03', 'canbo.thieuhoa');
    ids.later = await make(thieuHoa, 'assigned', '2026-12-04', 'canbo.thieuhoa');
    ids.unassigned = await make(thieuHoa, 'received', DAY, null);
    ids.drafted = await make(thieuHoa, 'answer_drafted', '2026-12-02', 'canbo.thieuhoa'); // waits for the leader's approval
    ids.orphaned = await make(thieuHoa, 'in_progress', '2026-11-30', 'nhaplieu.thieuhoa'); // whose account is then disabled
    await db.updateTable('users').set({ disabled: 1 }).where('username', '=', 'nhaplieu.thieuhoa').execute();
    ids.approved = await make(thieuHoa, 'approved', '2026-11-20', 'canbo.thieuhoa');
    ids.otherUnit = await make(dinhHoa, 'assigned', '2026-11-30', 'canbo.dinhhoa');
    registerNo = async (id) => {
      const r = await db.selectFrom('feedback_items').select(['register_no', 'register_year']).where('id', '=', id).executeTakeFirstOrThrow();
      return `Số ${r.register_no}/${r.register_year}`;
    };
  });

  const queued = () => h.database.db.selectFrom('notification_outbox').select(['adapter', 'recipient', 'subject', 'body', 'item_id'])
    .where('item_id', 'is', null).where('subject', 'like', 'Lắng Nghe — % cần giải quyết').orderBy('id').execute();

  it('tells the officer of their items, the leaders of the unassigned, the drafted and the orphaned, once a day, without content or citizen', async () => {
    const auditBefore = await verifyAuditChain(h.database.db);
    expect(await queueDeadlineReminders(h.ctx, { day: '2026-12-05' })).toMatchObject({ skipped: 'not_working_day', messages: 0 });
    const r = await queueDeadlineReminders(h.ctx, { day: DAY, publicUrl: 'https://langnghe.example/' });
    // Đỗ Thị Lan by email, Hoàng Văn Thành by phone; Bùi Văn Định has neither.
    expect(r).toEqual({ day: DAY, items: 6, messages: 2, unreachable: 1 });
    const rows = await queued();
    expect(rows.map((m) => [m.adapter, m.recipient]).sort()).toEqual([['email', 'lan.dt@thieuhoa.example'], ['webhook', '0912000111']]);
    const officer = rows.find((m) => m.adapter === 'email');
    const leader = rows.find((m) => m.adapter === 'webhook');
    expect(officer!.subject).toBe('Lắng Nghe — 2 ý kiến (1 quá hạn) cần giải quyết');
    expect(officer!.body).toContain('Kính gửi đồng chí Đỗ Thị Lan');
    expect(officer!.body).toContain(`${await registerNo(ids.overdue)} · Công an xã Thiệu Hóa · Phản ánh · hạn 27/11/2026 (QUÁ HẠN 2 ngày làm việc)`);
    expect(officer!.body).toContain(`https://langnghe.example/console/feedback/${ids.overdue}`);
    expect(officer!.body).toContain(`${await registerNo(ids.soon)} · Công an xã Thiệu Hóa · Phản ánh · hạn 03/12/2026 (còn 2 ngày làm việc)`);
    expect(officer!.body.indexOf(await registerNo(ids.overdue))).toBeLessThan(officer!.body.indexOf(await registerNo(ids.soon)));
    for (const id of [ids.later, ids.approved, ids.unassigned, ids.drafted, ids.orphaned]) expect(officer!.body).not.toContain(`${await registerNo(id)} ·`);
    // A phone gets the short form: the counts and the list in the console.
    expect(leader!.body).toBe('Lắng Nghe: 3 ý kiến cần giải quyết, 1 quá hạn. Xem: https://langnghe.example/console/feedback?open=1');
    for (const m of rows) {
      expect(m.body).not.toContain('Bí Mật');
      expect(m.body).not.toContain('Nguyễn Văn');
    }
    // A second run the same day (the next hour's check, another process, by hand) queues nothing.
    expect(await queueDeadlineReminders(h.ctx, { day: DAY })).toMatchObject({ skipped: 'already_run', messages: 0 });
    expect(await queued()).toHaveLength(2);
    const events = await h.database.db.selectFrom('audit_events').select(['action', 'after_json']).where('action', '=', 'feedback.reminders').execute();
    expect(events).toHaveLength(1);
    const dinh = await h.database.db.selectFrom('users').select('id').where('username', '=', 'canbo.dinhhoa').executeTakeFirstOrThrow();
    // The unreachable by account id only: no names or contacts in the audit event.
    expect(JSON.parse(events[0]!.after_json!)).toEqual({ day: DAY, until: '2026-12-03', items: 6, messages: 2, unreachable: 1, unreachableIds: [dinh.id] });
    expect(await verifyAuditChain(h.database.db)).toEqual({ ok: true, count: auditBefore.count + 1 });
  });

  it('the settings name whom the last run could not reach, to those who may see their accounts', async () => {
    const unreachable = async (username: string) => (await (await h.login(username)).get('/api/feedback-settings')).json().reminders.unreachablePeople;
    const dinh = await h.database.db.selectFrom('users').select('id').where('username', '=', 'canbo.dinhhoa').executeTakeFirstOrThrow();
    const expected = [{ id: dinh.id, fullName: 'Bùi Văn Định', username: 'canbo.dinhhoa', unitName: 'Công an xã Định Hòa' }];
    expect(await unreachable('quantri.bo')).toEqual(expected);
    expect(await unreachable('lanhdao.tinh')).toEqual(expected);
    // A commune's leader sees accounts of their own commune only; an officer sees no accounts at all.
    expect(await unreachable('lanhdao.thieuhoa')).toEqual([]);
    expect(await unreachable('canbo.thieuhoa')).toEqual([]);
  });

  it('waits for the working day to begin, and two runs at once queue one set', async () => {
    // 06:30 in Viet Nam on the 2nd: too early.
    expect(await remindIfDue(h.ctx, null, new Date('2026-12-01T23:30:00Z'))).toBeNull();
    const before = (await queued()).length;
    const [a, b] = await Promise.all([remindIfDue(h.ctx, null, new Date('2026-12-02T00:30:00Z')), remindIfDue(h.ctx, null, new Date('2026-12-02T00:31:00Z'))]);
    expect([a!.skipped, b!.skipped].sort()).toEqual(['already_run', undefined]);
    expect((await queued()).length).toBe(before + 2);
  });

  it('writes the unassigned items to a leader by email in full, and lists at most a screenful in one message', () => {
    const leaderLines = [{ id: 7, registerNo: 12, registerYear: 2026, unitName: 'Công an xã Thiệu Hóa', kind: 'report' as const, dueOn: DAY, workingDaysLeft: 0 }];
    const m1 = reminderMessage('Hoàng Văn Thành', leaderLines, (id) => `https://x.example/console/feedback/${id}`);
    expect(m1.body).toContain('Kính gửi đồng chí Hoàng Văn Thành');
    expect(m1.body).toContain('- Số 12/2026 · Công an xã Thiệu Hóa · Phản ánh · hạn 01/12/2026 (hết hạn hôm nay)\n  https://x.example/console/feedback/7');
    expect(m1.text).toBe('Lắng Nghe: 1 ý kiến cần giải quyết. Xem Sổ tiếp nhận ý kiến.');

    const lines = Array.from({ length: REMINDER_MAX_LINES + 5 }, (_, i) => ({
      id: i + 1, registerNo: i + 1, registerYear: 2026, unitName: 'Công an xã A', kind: 'request' as const, dueOn: '2026-12-01', workingDaysLeft: 0,
    }));
    const m = reminderMessage('Nguyễn Văn A', lines, () => null);
    expect(m.body.match(/^- Số /gm)).toHaveLength(REMINDER_MAX_LINES);
    expect(m.body).toContain('… và 5 ý kiến khác');
    expect(m.subject).toBe(`Lắng Nghe — ${REMINDER_MAX_LINES + 5} ý kiến cần giải quyết`);
  });

  it('`langnghe reminders run --date` queues a day from the command line and prints its summary', async () => {
    const res = await runCli(['reminders', 'run', '--date', '2026-12-03'], h.database.url);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout.trim().split('\n').at(-1)!)).toMatchObject({ day: '2026-12-03', messages: 2 });
    for (const bad of [['--date', 'tomorrow'], ['--date', '2026-02-30'], ['--date'], ['--dry']]) expect((await runCli(['reminders', 'run', ...bad], h.database.url)).code).toBe(2);
  }, 120_000);
});
