// Feedback settings in the console: the ministry's administrator adds a day off to the working-day calendar (the
// month's working days drop by one, Tết is there already) and a response template built with the placeholder
// palette (an unknown placeholder is flagged while typing); Xã Thiệu Hóa's leader imports a three-row register
// on a phone after a dry run that writes nothing, and sees the register numbers given. Axe on each screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { formatDate, todayVN } from '../src/core/dates.ts';
import { DEMO } from '../src/seed/demo.ts';
import { queueDeadlineReminders } from '../src/commands/feedback/reminders.ts';
import { DESKTOP, PHONE, launch, login, openPage, screenshot, seriousA11yProblems } from './helpers/browser.ts';
import { startServer, type E2EServer } from './helpers/server.ts';

const TEMPLATE = 'Trả lời góp ý về an ninh trật tự';
const DAY_OFF_NAME = 'Nghỉ thêm theo thông báo của Chính phủ';

/** A Monday-to-Friday in June of this year (June has no statutory holiday). */
function juneWeekday(year: number): string {
  for (let d = 2; d < 30; d++) {
    const iso = `${year}-06-${String(d).padStart(2, '0')}`;
    const wd = new Date(`${iso}T00:00:00Z`).getUTCDay();
    if (wd >= 1 && wd <= 5) return iso;
  }
  throw new Error('no weekday in June');
}

describe('feedback settings in the console', () => {
  let server: E2EServer;
  let browser: Browser;
  let admin: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const openSettings = async (page: Page, tab: string) => {
    await page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Cấu hình ý kiến' }).click();
    await page.getByRole('heading', { name: 'Cấu hình tiếp nhận ý kiến', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Các mục cấu hình' }).getByRole('link', { name: tab }).click();
    await page.getByRole('heading', { name: tab, level: 2 }).waitFor();
  };

  it('root admin: adds a day off to the calendar', async () => {
    admin = await openPage(browser, server.origin, { viewport: DESKTOP });
    await login(admin, 'quantri.bo');
    await openSettings(admin, 'Lịch ngày làm việc');
    const year = Number(todayVN().slice(0, 4));
    await admin.locator('.fba-month[data-month="6"]').waitFor();
    // The statutory holidays are computed, Tết included.
    await expect(admin.locator('.fba-month[data-month="2"]').textContent()).resolves.toContain('Tết Nguyên đán');
    const june = admin.locator('.fba-month[data-month="6"] .fba-month-count');
    const before = Number(/^\d+/.exec((await june.textContent()) ?? '')![0]);

    // No date: the field says so.
    await admin.getByRole('button', { name: 'Thêm ngày' }).click();
    await expect(admin.getByLabel('Ngày', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');

    const day = juneWeekday(year);
    await admin.getByLabel('Ngày', { exact: true }).fill(formatDate(day));
    await admin.getByLabel('Ngày nghỉ', { exact: true }).check();
    await admin.getByLabel('Tên, lý do').fill(DAY_OFF_NAME);
    await admin.getByRole('button', { name: 'Thêm ngày' }).click();
    await admin.getByRole('status').filter({ hasText: `Đã thêm ngày nghỉ ${formatDate(day)}.` }).waitFor();

    const row = await server.database.db.selectFrom('calendar_days').selectAll().where('day', '=', day).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'off', name: DAY_OFF_NAME });
    await june.filter({ hasText: `${before - 1} ngày làm việc /` }).waitFor();
    await expect(admin.locator(`li[data-day="${day}"]`).textContent()).resolves.toContain(DAY_OFF_NAME);
    await screenshot(admin, 'feedback-admin-calendar-desktop');
    expect(await seriousA11yProblems(admin)).toEqual([]);
  });

  it('root admin: the deadlines tab says when reminders go out and what the last run sent', async () => {
    await queueDeadlineReminders(server.services, { day: '2026-12-01' });
    await openSettings(admin, 'Thời hạn và lưu trữ');
    const last = admin.getByTestId('reminders-last');
    await last.filter({ hasText: 'Lần gửi gần nhất: ngày 01/12/2026' }).waitFor();
    await expect(admin.getByRole('heading', { name: 'Thư nhắc hạn', level: 3 }).isVisible()).resolves.toBe(true);
    await admin.locator('.fba-reminders').scrollIntoViewIfNeeded();
    await screenshot(admin, 'feedback-admin-reminders-desktop');
    expect(await seriousA11yProblems(admin)).toEqual([]);
    // Whom the run could not reach, each a link to the account, to add an email or a phone.
    const unreachable = admin.getByTestId('reminders-unreachable').locator('li');
    const names = await unreachable.getByRole('link').allTextContents();
    const expected = await server.database.db.selectFrom('users').select('full_name').where('disabled', '=', 0).where('email', 'is', null).where('phone', 'is', null)
      .where('id', 'in', names.length ? await unreachable.evaluateAll((lis) => lis.map((li) => Number(li.getAttribute('data-user')))) : [0]).execute();
    expect(names.length).toBeGreaterThan(0);
    expect(expected.map((u) => u.full_name).sort()).toEqual([...names].sort());
    await unreachable.first().getByRole('link').click();
    await admin.getByRole('heading', { name: names[0], level: 2 }).waitFor();
    expect(admin.url()).toMatch(/\/console\/users\?user=\d+$/);
    await admin.goBack();
    await last.waitFor();
  });

  it('root admin: adds a response template with the placeholder palette', async () => {
    await admin.getByRole('navigation', { name: 'Các mục cấu hình' }).getByRole('link', { name: 'Mẫu trả lời' }).click();
    await admin.getByRole('heading', { name: 'Mẫu trả lời', level: 2 }).waitFor();
    // The unit picker shows "loading" until today's tree arrives: polled, not read once.
    await expect.poll(() => admin.getByLabel('Đơn vị', { exact: true }).locator('option:checked').textContent()).toBe('Bộ Công an');
    await admin.getByRole('button', { name: 'Thêm mẫu trả lời' }).click();
    await admin.getByLabel('Tên mẫu').fill(TEMPLATE);
    await admin.getByLabel('Lĩnh vực', { exact: true }).selectOption('security');

    // A mistyped placeholder is flagged as it is typed; the palette inserts the right one at the cursor.
    const body = admin.getByLabel('Nội dung mẫu');
    await body.fill('Kính gửi ,\nCông an đã tiếp nhận ý kiến mã {ma_so}.');
    await admin.getByText('Hệ thống không biết các chỗ điền: {ma_so}.').waitFor();
    await body.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(9, 9));
    await admin.getByRole('button', { name: /^Chèn \{ten_nguoi_gui\}/ }).click();
    // The palette gives the cursor back just after what it inserted, on the next frame: select only after that.
    await expect.poll(() => body.evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe(9 + '{ten_nguoi_gui}'.length);
    await body.evaluate((el: HTMLTextAreaElement) => {
      const at = el.value.indexOf('{ma_so}');
      el.setSelectionRange(at, at + '{ma_so}'.length);
    });
    await admin.getByRole('button', { name: /^Chèn \{ma_theo_doi\}/ }).click();
    const text = 'Kính gửi {ten_nguoi_gui},\nCông an đã tiếp nhận ý kiến mã {ma_theo_doi}.';
    await expect(body.inputValue()).resolves.toBe(text);
    expect(await admin.getByText('Hệ thống không biết các chỗ điền').count()).toBe(0);
    expect(await seriousA11yProblems(admin)).toEqual([]);
    await screenshot(admin, 'feedback-admin-template-desktop');

    await admin.getByRole('button', { name: 'Tạo mới' }).click();
    await admin.getByRole('status').filter({ hasText: `Đã thêm mẫu «${TEMPLATE}».` }).waitFor();
    const ministry = (await server.services.access.unitGraph()).idOf(DEMO.ministry)!;
    const saved = await server.database.db.selectFrom('feedback_templates').selectAll().where('title', '=', TEMPLATE).executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ unit_id: ministry, topic_code: 'security', body: text });
    await expect(admin.locator(`li[data-template="${saved.id}"]`).textContent()).resolves.toContain(TEMPLATE);
    expect(await seriousA11yProblems(admin)).toEqual([]);
  });

  it('leader on a phone: imports a three-row register after a dry run', async () => {
    const leader = await openPage(browser, server.origin, { viewport: PHONE });
    await login(leader, 'lanhdao.thieuhoa');
    await openSettings(leader, 'Nhập sổ từ tệp');
    const unitId = (await server.services.access.unitGraph()).idOf(DEMO.thieuHoaCommune)!;
    // The unit picker shows "loading" until today's tree arrives: polled, not read once.
    await expect.poll(() => leader.getByLabel('Nhập vào sổ của đơn vị').locator('option:checked').textContent()).toBe('Công an xã Thiệu Hóa');

    const today = formatDate(todayVN());
    const csv = [
      'STT,Ngày tiếp nhận,Kênh,Loại,Nội dung,Họ tên,Điện thoại',
      `1,${today},Đường dây nóng,Phản ánh,Đèn đường thôn 3 hỏng nhiều ngày,Nguyễn Văn An,0912345678`,
      `2,${today},Hòm thư góp ý,Góp ý,Đề nghị tăng tuần tra ban đêm khu chợ,,`,
      `3,${today},Trực tiếp,Kiến nghị,Xin hướng dẫn thủ tục đăng ký tạm trú,Lê Thị Bình,`,
    ].join('\n');
    const items = () => server.database.db.selectFrom('feedback_items').select(['id', 'register_no', 'register_year', 'channel', 'kind', 'content'])
      .where('unit_id', '=', unitId).where('source_type', '=', 'import').orderBy('id').execute();
    expect(await items()).toEqual([]);

    await leader.getByLabel('Tệp sổ (CSV hoặc Excel)').setInputFiles({ name: 'so-tiep-nhan.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await leader.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await leader.getByText('Cả 3 dòng đều hợp lệ: có thể nhập.').waitFor();
    await expect(leader.locator('.fba-preview-table tbody tr').count()).resolves.toBe(3);
    // The dry run wrote nothing.
    expect(await items()).toEqual([]);
    await screenshot(leader, 'feedback-admin-import-preview-phone');
    expect(await seriousA11yProblems(leader)).toEqual([]);

    await leader.getByRole('button', { name: 'Nhập 3 ý kiến vào sổ' }).click();
    await leader.getByText('Đã nhập 3 ý kiến.', { exact: false }).waitFor();
    const rows = await items();
    expect(rows.map((r) => [r.channel, r.kind])).toEqual([['hotline', 'report'], ['suggestion_box', 'suggestion'], ['walk_in', 'request']]);
    await expect(leader.getByTestId('register-no').allTextContents()).resolves.toEqual(rows.map((r) => `${r.register_no}/${r.register_year}`));
    await screenshot(leader, 'feedback-admin-import-done-phone');
    expect(await seriousA11yProblems(leader)).toEqual([]);
  });
});
