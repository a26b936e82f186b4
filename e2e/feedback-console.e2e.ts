// The feedback register in the console: Xã Thiệu Hóa's officer keys in a call to the hotline (consents never
// ticked in advance, the read-back reminder, the tracking code shown large for the citizen), accepts it,
// assigns it to herself, starts and drafts the answer; the commune leader approves it; the officer closes it as
// resolved. The timeline shows every message the citizen was told, apart from the internal steps, and each one
// is what the database recorded. List and item pages on a phone and at 1366×768, with axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { formatTrackingCode } from '../src/core/feedback/tracking.ts';
import { DESKTOP, PHONE, launch, login, openPage, screenshot, seriousA11yProblems } from './helpers/browser.ts';
import { startServer, type E2EServer } from './helpers/server.ts';
import { feedbackStep } from './helpers/feedback.ts';

const CONTENT = 'Xin phản ánh: đèn đường ở thôn 5 hỏng đã hai tuần,\nban đêm thanh niên tụ tập gây ồn ào. <b>không phải HTML</b>';
const ANSWER = 'Công an xã đã phối hợp với UBND xã thay đèn và tăng cường tuần tra ban đêm tại thôn 5.';

describe('feedback register in the console', () => {
  let server: E2EServer;
  let browser: Browser;
  let officer: Page;
  let itemId = 0;

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const item = () => server.database.db.selectFrom('feedback_items').selectAll().where('id', '=', itemId).executeTakeFirstOrThrow();
  const stateBadge = (page: Page) => page.locator('.fb-title-row [data-state]');
  /** The badge after a step: the item reloads just after the step's notice shows, so wait for the new state. */
  const badgeIs = async (page: Page, text: string) => {
    await stateBadge(page).filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).waitFor();
  };
  const step = feedbackStep;

  it('officer: enters a hotline call; the tracking code is shown large', async () => {
    officer = await openPage(browser, server.origin, { viewport: PHONE });
    await login(officer, 'canbo.thieuhoa');
    await officer.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Sổ tiếp nhận ý kiến' }).click();
    await officer.getByRole('heading', { name: 'Sổ tiếp nhận ý kiến' }).waitFor();
    await officer.getByRole('link', { name: 'Nhập ý kiến mới' }).click();
    await officer.getByRole('heading', { name: 'Nhập ý kiến mới' }).waitFor();

    // The officer's commune is chosen; consents start unticked; spoken input is read back.
    // The unit list loads after the heading shows ("loading" is the chosen option until then): polled, not read once.
    await expect.poll(() => officer.getByLabel('Đơn vị tiếp nhận').locator('option:checked').textContent()).toBe('Công an xã Thiệu Hóa');
    await officer.getByLabel('Kênh tiếp nhận').selectOption('hotline');
    await officer.getByText('đọc lại nội dung đã ghi cho người dân nghe').waitFor();
    for (const box of await officer.getByRole('checkbox').all()) expect(await box.isChecked()).toBe(false);

    // Nothing but the channel: each missing field says so, next to the field.
    await officer.getByRole('button', { name: 'Lưu vào sổ' }).click();
    await expect(officer.getByLabel('Loại ý kiến').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(officer.getByLabel('Nội dung ý kiến').getAttribute('aria-invalid')).resolves.toBe('true');

    await officer.getByLabel('Loại ý kiến').selectOption('report');
    await officer.getByLabel('Nội dung ý kiến').fill(CONTENT);
    await officer.getByLabel('Họ và tên').fill('Trần Thị Bình');
    await officer.getByLabel('Số điện thoại').fill('0912 345 678');
    await screenshot(officer, 'feedback-new-phone');
    await officer.getByRole('button', { name: 'Lưu vào sổ' }).click();

    const code = officer.getByTestId('created-code');
    await code.waitFor();
    itemId = Number(/\/feedback\/(\d+)/.exec(officer.url())![1]);
    const row = await item();
    expect(row).toMatchObject({ channel: 'hotline', kind: 'report', state: 'received', content: CONTENT, anonymous: 0 });
    await expect(code.textContent()).resolves.toBe(formatTrackingCode(row.tracking_code));
    const consents = await server.database.db.selectFrom('feedback_consents').select('id').where('submitter_id', '=', row.submitter_id!).execute();
    expect(consents).toEqual([]);
    // The content is text: the citizen's angle brackets are shown, never parsed.
    await expect(officer.getByTestId('item-content').textContent()).resolves.toBe(CONTENT);
    expect(await officer.getByTestId('item-content').locator('b').count()).toBe(0);
    await screenshot(officer, 'feedback-item-new-phone');
  });

  it('officer: accepts, assigns to herself, starts, drafts the answer', async () => {
    await step(officer, 'Thụ lý');
    await badgeIs(officer, 'Đã thụ lý');
    // The banner with the code has done its job once handling starts.
    expect(await officer.getByTestId('created-code').count()).toBe(0);

    await step(officer, 'Giao xử lý', async () => {
      await expect(officer.getByLabel('Cán bộ được giao').locator('option:checked').textContent()).resolves.toBe('Đỗ Thị Lan (tôi)');
    });
    await step(officer, 'Bắt đầu xử lý');
    await badgeIs(officer, 'Đang xử lý');

    // An empty answer is refused at the field; then the answer.
    await officer.locator('.fb-action-buttons').getByRole('button', { name: 'Soạn dự thảo trả lời', exact: true }).click();
    await officer.getByRole('button', { name: 'Xác nhận: Soạn dự thảo trả lời' }).click();
    await expect(officer.getByLabel('Nội dung trả lời').getAttribute('aria-invalid')).resolves.toBe('true');
    await officer.getByLabel('Nội dung trả lời').fill(ANSWER);
    await officer.getByRole('button', { name: 'Xác nhận: Soạn dự thảo trả lời' }).click();
    await officer.getByRole('status').filter({ hasText: 'Đã thực hiện: Soạn dự thảo trả lời.' }).waitFor();
    await badgeIs(officer, 'Chờ duyệt trả lời');
    await expect(officer.getByTestId('answer-draft').textContent()).resolves.toBe(ANSWER);
    // An officer cannot approve: the leader's steps are not offered.
    expect(await officer.locator('.fb-action-buttons').getByRole('button', { name: 'Duyệt trả lời' }).count()).toBe(0);

    const row = await item();
    expect(row).toMatchObject({ state: 'answer_drafted', answer_draft: ANSWER, public_answer: null });
    const me = await server.database.db.selectFrom('users').select('id').where('username', '=', 'canbo.thieuhoa').executeTakeFirstOrThrow();
    expect(row.assignee_id).toBe(me.id);
    // The signed reply letter goes with the answer: chosen from the computer, uploaded, listed with its tag.
    await officer.getByLabel('Đính kèm tệp (PDF hoặc ảnh)').setInputFiles({
      name: 'Công văn trả lời.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1'),
    });
    await officer.getByRole('button', { name: 'Đính kèm', exact: true }).click();
    await officer.getByRole('status').filter({ hasText: 'Đã đính kèm Công văn trả lời.pdf.' }).waitFor();
    await expect(officer.locator('.fb-files li').filter({ hasText: 'Công văn trả lời.pdf' }).textContent()).resolves.toContain('Gửi kèm câu trả lời');
    const files = await server.database.db.selectFrom('feedback_attachments').select(['role', 'mime']).where('item_id', '=', itemId).where('role', '!=', 'photo').execute();
    expect(files).toEqual([{ role: 'answer', mime: 'application/pdf' }]);
    await screenshot(officer, 'feedback-item-drafted-phone');
    expect(await seriousA11yProblems(officer)).toEqual([]);
  });

  it('leader: finds it in the register and approves the answer', async () => {
    const leader = await openPage(browser, server.origin, { viewport: DESKTOP });
    await login(leader, 'lanhdao.thieuhoa');
    // A shared link: the filters live in the URL and come back into the form.
    const row = await item();
    await leader.goto(`/console/feedback?state=answer_drafted&q=${row.tracking_code}`);
    await leader.getByRole('heading', { name: 'Sổ tiếp nhận ý kiến' }).waitFor();
    await expect(leader.getByLabel('Tình trạng').locator('option:checked').textContent()).resolves.toBe('Chờ duyệt trả lời');
    await expect(leader.getByRole('searchbox').inputValue()).resolves.toBe(row.tracking_code);
    const tr = leader.locator(`tr[data-item="${itemId}"]`);
    await expect(tr.locator('[data-state]').textContent()).resolves.toBe('Chờ duyệt trả lời');
    await expect(tr.textContent()).resolves.toContain(formatTrackingCode(row.tracking_code));
    await screenshot(leader, 'feedback-list-leader-desktop');
    expect(await seriousA11yProblems(leader)).toEqual([]);

    await tr.getByRole('link', { name: `${row.register_no}/${row.register_year}` }).click();
    await leader.getByRole('heading', { name: `Ý kiến số ${row.register_no}/${row.register_year}` }).waitFor();
    await step(leader, 'Duyệt trả lời');
    await badgeIs(leader, 'Đã duyệt trả lời');
    await expect(leader.getByTestId('public-answer').textContent()).resolves.toBe(ANSWER);
    await screenshot(leader, 'feedback-item-approved-desktop');
    expect(await seriousA11yProblems(leader)).toEqual([]);
    await leader.context().close();
  });

  it('officer: closes it as resolved; the timeline shows what the citizen was told', async () => {
    await officer.reload();
    await officer.getByRole('heading', { level: 1 }).waitFor();
    await step(officer, 'Kết thúc', async () => {
      await officer.getByLabel('Đã giải quyết', { exact: true }).check();
    });
    await badgeIs(officer, 'Đã kết thúc · Đã giải quyết');
    expect(await item()).toMatchObject({ state: 'closed', outcome: 'resolved', public_answer: ANSWER });

    const events = await server.database.db.selectFrom('feedback_events').select(['action', 'public_message'])
      .where('item_id', '=', itemId).orderBy('id').execute();
    expect(events.map((e) => e.action)).toEqual(['receive', 'accept', 'assign', 'start', 'draft', 'approve', 'close']);
    const told = events.filter((e) => e.public_message !== null);
    expect(told.map((e) => e.action)).toEqual(['receive', 'accept', 'approve', 'close']);

    const timeline = officer.getByTestId('timeline');
    const messages = timeline.locator('.fb-ev-msg-public');
    await expect(messages.allTextContents()).resolves.toEqual(told.map((e) => `Đã thông báo công dân: ${e.public_message}`));
    await expect(timeline.locator('li[data-event="approve"]').textContent()).resolves.toContain(ANSWER);
    // Internal steps are in the history but tell the citizen nothing.
    for (const a of ['assign', 'start', 'draft']) expect(await timeline.locator(`li[data-event="${a}"] .fb-ev-msg-public`).count()).toBe(0);
    await expect(timeline.locator('li[data-event="assign"]').textContent()).resolves.toContain('Giao cho: Đỗ Thị Lan');
    await screenshot(officer, 'feedback-item-closed-phone');
    expect(await seriousA11yProblems(officer)).toEqual([]);

    // Back in the register, found by its tracking code (as the citizen reads it out), the item is closed; the
    // list passes axe on a phone too.
    await officer.getByRole('link', { name: 'Về sổ tiếp nhận' }).click();
    await officer.getByRole('heading', { name: 'Sổ tiếp nhận ý kiến' }).waitFor();
    await officer.getByRole('searchbox', { name: 'Tìm theo nội dung hoặc mã theo dõi' }).fill(formatTrackingCode((await item()).tracking_code).toLowerCase());
    await officer.getByRole('button', { name: 'Tìm', exact: true }).click();
    await officer.getByRole('status').filter({ hasText: '1 ý kiến.' }).waitFor();
    await expect(officer.locator(`tr[data-item="${itemId}"] [data-state]`).textContent()).resolves.toBe('Đã kết thúc · Đã giải quyết');
    await screenshot(officer, 'feedback-list-phone');
    expect(await seriousA11yProblems(officer)).toEqual([]);
    await officer.context().close();
  });

  it('the sort field names the order the list is in, and another order can be picked', async () => {
    const page = await openPage(browser, server.origin, { viewport: DESKTOP });
    await login(page, 'canbo.thieuhoa');
    const sortField = page.getByLabel('Sắp xếp');
    /** The listed items' ids, then their rows in the database, in the list's order. */
    const listed = async () => {
      await page.locator('tr[data-item]').first().waitFor();
      const ids = (await page.locator('tr[data-item]').evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-item')))));
      const rows = await server.database.db.selectFrom('feedback_items').select(['id', 'received_on', 'received_at', 'due_on', 'state']).where('id', 'in', ids).execute();
      return ids.map((id) => rows.find((r) => r.id === id)!);
    };
    const ordered = <T>(xs: T[], before: (a: T, b: T) => boolean) => xs.every((x, i) => i === 0 || !before(x, xs[i - 1]!));

    // Everything: newest first by the day received (then the one entered last), and the field says so.
    const shown = () => sortField.locator('option:checked').textContent();
    await page.goto('/console/feedback');
    // The field names the order the server reports for the list shown; it names none before the first page.
    await expect.poll(shown).toBe('Ngày tiếp nhận (mới nhất trước)');
    // The rows are read until they show the new order: a list is fetched after its address changes.
    await expect.poll(async () => {
      const all = await listed();
      return all.length > 10 && ordered(all, (a, b) => a.received_on > b.received_on || (a.received_on === b.received_on && a.received_at > b.received_at));
    }).toBe(true);

    // Items still open: soonest due first, without a sort in the address.
    await page.getByLabel('Tình trạng').selectOption({ label: 'Đang giải quyết' });
    await page.waitForURL(/open=1/);
    await expect.poll(shown).toBe('Hạn giải quyết (gần nhất trước)');
    expect(page.url()).not.toContain('sort=');
    await expect.poll(async () => {
      const open = await listed();
      return open.every((r) => !['closed', 'refused', 'forwarded', 'transferred'].includes(r.state)) && ordered(open, (a, b) => (a.due_on ?? '9') < (b.due_on ?? '9'));
    }).toBe(true);

    // Everything again, by due date on request: the choice goes into the address.
    await page.getByLabel('Tình trạng').selectOption({ label: 'Tất cả' });
    await page.waitForURL((u) => !u.search.includes('open=1'));
    await sortField.selectOption({ label: 'Hạn giải quyết (gần nhất trước)' });
    await page.waitForURL(/sort=due/);
    await expect.poll(async () => {
      const byDue = await listed();
      return byDue.some((r) => r.state === 'closed') && ordered(byDue, (a, b) => (a.due_on ?? '9') < (b.due_on ?? '9'));
    }).toBe(true);

    // "More" appends the next 50 in the same order, none twice, and takes the keyboard to the first new one.
    const rows = page.locator('tr[data-item]');
    await expect.poll(() => rows.count()).toBe(50);
    const firstFifty = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-item')));
    await page.getByRole('button', { name: 'Xem thêm' }).click();
    await expect.poll(() => rows.count()).toBeGreaterThan(50);
    const all = await listed();
    expect(all.slice(0, 50).map((r) => String(r.id))).toEqual(firstFifty);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    expect(ordered(all, (a, b) => (a.due_on ?? '9') < (b.due_on ?? '9'))).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-item') ?? null)).toBe(String(all[50]!.id));
    await page.context().close();
  });
});
