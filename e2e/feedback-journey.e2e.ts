// The whole promise of the register, end to end: a resident of Xã Thiệu Hóa sends a request from a phone (no
// account, no JavaScript needed) and keeps the tracking code; the commune officer handles it in the console
// (accepts, assigns, drafts the answer); the commune leader approves it; the officer closes it; the resident
// follows the item on the status page, reads the answer and rates the handling — a low rating puts the item in
// front of the province's leaders for a re-review.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { normalizeTrackingCode } from '../src/core/feedback/tracking.ts';
import { DESKTOP, PHONE, launch, login, openPage, screenshot, seriousA11yProblems } from './helpers/browser.ts';
import { startServer, type E2EServer } from './helpers/server.ts';
import { feedbackStep } from './helpers/feedback.ts';

const CONTENT = 'Đề nghị Công an xã kiểm tra nhóm thanh niên đua xe máy trên đường ven sông vào tối thứ Bảy, rất nguy hiểm.';
const ANSWER = 'Công an xã đã lập chốt kiểm tra tối thứ Bảy tại đường ven sông, xử lý 4 trường hợp và sẽ duy trì trong tháng tới.';

describe('a resident is heard: from the phone to the answer and its rating', () => {
  let server: E2EServer;
  let browser: Browser;
  let resident: BrowserContext;
  let phone: Page;
  let code = '';
  let itemId = 0;

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const step = feedbackStep;

  it('resident: sends a request from a phone without JavaScript and gets a tracking code', async () => {
    resident = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'vi-VN', javaScriptEnabled: false, baseURL: server.origin });
    phone = await resident.newPage();
    phone.setDefaultTimeout(15000);
    await phone.goto('/y');
    await phone.getByRole('searchbox').fill('thieu hoa');
    await phone.getByRole('button', { name: 'Tìm' }).click();
    await phone.getByRole('link', { name: 'Công an xã Thiệu Hóa' }).click();
    await phone.getByRole('heading', { name: 'Gửi ý kiến đến Công an' }).waitFor();
    await phone.getByRole('radio', { name: /Kiến nghị/ }).check();
    await phone.getByLabel(/Nội dung/).fill(CONTENT);
    await phone.getByLabel('Họ và tên').fill('Nguyễn Văn Mạnh');
    await phone.getByLabel('Email', { exact: true }).fill('manh@example.vn');
    // Consent is asked, never assumed.
    const consent = phone.getByRole('checkbox', { name: /thông báo kết quả giải quyết/ });
    expect(await consent.isChecked()).toBe(false);
    await consent.check();
    await screenshot(phone, 'journey-resident-form');
    await phone.getByRole('button', { name: 'Gửi ý kiến' }).click();
    code = (await phone.locator('.code').textContent())!.trim();
    expect(normalizeTrackingCode(code)).not.toBeNull();
    await screenshot(phone, 'journey-resident-receipt');
    const row = await server.database.db.selectFrom('feedback_items').selectAll().where('tracking_code', '=', normalizeTrackingCode(code)!).executeTakeFirstOrThrow();
    itemId = row.id;
    expect(row).toMatchObject({ channel: 'web', kind: 'request', state: 'received', content: CONTENT, anonymous: 0 });
  });

  it('officer: finds it by its code, accepts, assigns to herself, drafts the answer', async () => {
    const officer = await openPage(browser, server.origin, { viewport: DESKTOP });
    await login(officer, 'canbo.thieuhoa');
    await officer.goto(`/console/feedback/${itemId}`);
    await officer.getByRole('heading', { level: 1 }).waitFor();
    await expect(officer.getByTestId('item-content').textContent()).resolves.toBe(CONTENT);
    await step(officer, 'Thụ lý');
    await step(officer, 'Giao xử lý');
    await step(officer, 'Bắt đầu xử lý');
    await step(officer, 'Soạn dự thảo trả lời', async () => {
      await officer.getByLabel('Nội dung trả lời').fill(ANSWER);
    });
    await officer.context().close();
  });

  it('resident: the status page says it was accepted, not yet what the answer is', async () => {
    await phone.goto(`/tra-cuu/${code}`);
    await phone.getByRole('heading', { name: 'Tình trạng giải quyết ý kiến' }).waitFor();
    const page = await phone.textContent('body');
    expect(page).toContain('Ý kiến đã được thụ lý để giải quyết.');
    expect(page).not.toContain(ANSWER);
  });

  it('leader approves; officer closes as resolved', async () => {
    const leader = await openPage(browser, server.origin, { viewport: DESKTOP });
    await login(leader, 'lanhdao.thieuhoa');
    await leader.goto(`/console/feedback/${itemId}`);
    await leader.getByRole('heading', { level: 1 }).waitFor();
    await step(leader, 'Duyệt trả lời');
    await leader.context().close();
    const officer = await openPage(browser, server.origin, { viewport: DESKTOP });
    await login(officer, 'canbo.thieuhoa');
    await officer.goto(`/console/feedback/${itemId}`);
    await officer.getByRole('heading', { level: 1 }).waitFor();
    await step(officer, 'Kết thúc', async () => {
      await officer.getByLabel('Đã giải quyết', { exact: true }).check();
    });
    await officer.context().close();
    // Each public step was queued for the resident's email, in the same transaction as the step.
    const notices = await server.database.db.selectFrom('notification_outbox').select(['recipient', 'body']).where('item_id', '=', itemId).orderBy('id').execute();
    expect(notices.map((n) => n.recipient)).toEqual(Array(4).fill('manh@example.vn'));
    expect(notices[2]!.body).toContain(ANSWER);
  });

  it('resident: reads the answer, rates it 2 of 5; the province leader sees it to re-review', async () => {
    await phone.goto(`/tra-cuu/${code}`);
    await phone.getByText(ANSWER).first().waitFor();
    await screenshot(phone, 'journey-resident-answer');
    // axe runs as a script in the page: check the same pages in a phone with JavaScript on.
    const checked = await openPage(browser, server.origin, { viewport: PHONE });
    for (const url of ['/y/TH-X-THIEUHOA', `/tra-cuu/${code}`]) {
      await checked.goto(url);
      expect(await seriousA11yProblems(checked), url).toEqual([]);
    }
    await checked.context().close();
    await phone.getByRole('radio', { name: /^★★ / }).check();
    await phone.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await phone.getByText('Đơn vị cấp trên sẽ xem xét lại').first().waitFor();
    await screenshot(phone, 'journey-resident-rated');
    expect(await server.database.db.selectFrom('feedback_items').select(['rating', 'rereview']).where('id', '=', itemId).executeTakeFirstOrThrow())
      .toEqual({ rating: 2, rereview: 1 });

    const province = await openPage(browser, server.origin, { viewport: DESKTOP });
    await login(province, 'lanhdao.tinh');
    await province.goto('/console/feedback?rereview=1');
    await province.locator(`tr[data-item="${itemId}"]`).waitFor();
    await province.context().close();
    await resident.close();
  });

  it('leader: copies a survey comment into the register from the campaign, once', async () => {
    const campaign = await server.database.db.selectFrom('campaigns').select('id').where('period', '=', '2025-Q4').executeTakeFirstOrThrow();
    const leader = await openPage(browser, server.origin, { viewport: DESKTOP });
    await login(leader, 'lanhdao.tinh');
    await leader.goto(`/console/surveys/campaigns/${campaign.id}?tab=comments`);
    await leader.getByRole('heading', { name: 'Ý kiến ghi thêm trên phiếu' }).waitFor();
    const first = leader.locator('ul.comments li').first();
    const responseId = Number(await first.getAttribute('data-response'));
    await first.getByRole('button', { name: 'Chép vào sổ tiếp nhận' }).click();
    await first.getByRole('link', { name: 'Đã vào sổ — xem ý kiến' }).waitFor();
    expect(await seriousA11yProblems(leader)).toEqual([]);
    const items = await server.database.db.selectFrom('feedback_items').select(['channel', 'anonymous', 'source_ref'])
      .where('source_type', '=', 'survey_response').execute();
    expect(items.filter((i) => i.source_ref!.startsWith(`${responseId}:`))).toEqual([{ channel: 'survey', anonymous: 1, source_ref: `${responseId}:gop_y` }]);
    await leader.context().close();
  });
});
