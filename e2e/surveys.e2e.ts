// Surveys in the staff console: the provincial leader watches the 2026 campaign's results update while a
// resident answers Xã Thiệu Hóa's form, drills down into the commune and compares with 2025; the commune
// officer sees only the commune; the provincial administrator creates a campaign and moves it through its
// states, reopening with a reason the audit trail keeps. Screens at 1366×768 and on a phone, with axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { t } from '../src/i18n/index.ts';
import { DEMO } from '../src/seed/demo.ts';
import { DESKTOP, PHONE, launch, login, openPage, screenshot, seriousA11yProblems } from './helpers/browser.ts';
import { startServer, type E2EServer } from './helpers/server.ts';
import { campaignIdOf, completeAnswers, formSlug, responseCount } from './helpers/surveys.ts';

/** A count as the screen shows it (5.725) back to a number. */
const num = (s: string | null) => Number((s ?? '').replace(/\D/g, ''));
/** A share as the screen shows it: 92,4%. */
const pct = (share: number | null | undefined) => (share === null || share === undefined ? '—' : `${(share * 100).toFixed(1).replace('.', ',')}%`);

describe('surveys in the console', () => {
  let server: E2EServer;
  let browser: Browser;
  let c2026: number;
  let c2025: number;
  let province: number;
  let thieuHoa: number;

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    const graph = await server.services.access.unitGraph();
    province = graph.idOf(DEMO.province)!;
    thieuHoa = graph.idOf(DEMO.thieuHoaCommune)!;
    c2026 = await campaignIdOf(server, '2026-Q4');
    c2025 = await campaignIdOf(server, '2025-Q4');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const validCount = async (page: Page) => num(await page.getByTestId('valid-count').textContent());
  const rowValid = async (page: Page, unitId: number) => num(await page.locator(`.children-table tr[data-unit="${unitId}"] [data-testid="child-valid"]`).textContent());

  it('leader: live results follow a new response; drill down; compare with 2025 (1366×768)', async () => {
    const page = await openPage(browser, server.origin, { viewport: DESKTOP });
    await login(page, 'lanhdao.tinh');
    await page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Khảo sát' }).click();
    await page.getByRole('heading', { name: 'Đợt khảo sát sự hài lòng' }).waitFor();
    // The heading shows while the list loads: wait for its rows before reading them.
    await page.locator('tr[data-campaign]').first().waitFor();
    await expect(page.locator('tr[data-campaign] [data-state]').allTextContents()).resolves.toEqual(['Đang mở', 'Đã kết thúc', 'Đã kết thúc']);
    await screenshot(page, 'surveys-list-desktop');
    await page.getByRole('link', { name: 'Lấy ý kiến sự hài lòng của Nhân dân năm 2026' }).click();
    await page.getByRole('heading', { name: 'Kết quả: Công an tỉnh Thanh Hóa' }).waitFor();
    await page.getByTestId('valid-count').waitFor();

    // The province's count is every valid response of the campaign, and the commune's row its own.
    const before = await validCount(page);
    expect(before).toBe(await responseCount(server, c2026));
    const rowBefore = await rowValid(page, thieuHoa);
    expect(rowBefore).toBe(await responseCount(server, c2026, thieuHoa));
    // Figures in Vietnamese style with their denominators; the headline's interval per criterion.
    await expect(page.getByTestId('headline').textContent()).resolves.toMatch(/\d+,\d%.*\d+\/\d[\d.]* lượt đánh giá/);
    await expect(page.locator('.criterion').first().locator('.ci').textContent()).resolves.toMatch(/^KTC 95%: \d+,\d–\d+,\d%$/);
    await expect(page.getByTestId('updated-at').textContent()).resolves.toMatch(/^Cập nhật lúc \d{2}:\d{2}:\d{2}$/);
    await screenshot(page, 'results-desktop');
    expect(await seriousA11yProblems(page)).toEqual([]);

    // A resident answers Xã Thiệu Hóa's form (another browser context, no session).
    const slug = await formSlug(server, c2026, thieuHoa);
    const resident = await browser.newContext({ baseURL: server.origin });
    const res = await resident.request.post(`/s/${slug}`, { data: { answers: completeAnswers(true), clientKey: 'e2e-live-refresh' } });
    expect(res.status()).toBe(201);
    await resident.close();

    // Within the refresh interval (15 s), without touching anything.
    const updated = await page.getByTestId('updated-at').textContent();
    await page.waitForFunction((n) => document.querySelector('[data-testid="valid-count"]')?.textContent?.replace(/\D/g, '') === String(n), before + 1, { timeout: 20000 });
    expect(await rowValid(page, thieuHoa)).toBe(rowBefore + 1);
    expect(await page.getByTestId('updated-at').textContent()).not.toBe(updated);

    // Sorting by responses puts the biggest first.
    await page.getByRole('button', { name: /^Hợp lệ/ }).click();
    const valids = (await page.locator('.children-table [data-testid="child-valid"]').allTextContents()).map(num);
    expect(valids).toEqual([...valids].sort((a, b) => b - a));

    // Drill down into Xã Thiệu Hóa, which compares with its 2025 figures (rolled up through lineage).
    await page.locator('.children-table').getByRole('link', { name: 'Công an xã Thiệu Hóa' }).click();
    await page.getByRole('heading', { name: 'Kết quả: Công an xã Thiệu Hóa' }).waitFor();
    expect(new URL(page.url()).searchParams.get('unit')).toBe(String(thieuHoa));
    expect(await validCount(page)).toBe(rowBefore + 1);
    const api = await page.request.get(`/api/campaigns/${c2026}/results?unit=${thieuHoa}`);
    const results = await api.json() as { previous: { campaignId: number; period: string; criteria: Record<string, { share: number | null }> } };
    expect(results.previous.campaignId).toBe(c2025);
    await expect(page.getByTestId('compare-note').textContent()).resolves.toContain('2025-Q4');
    const first = page.locator('.criterion[data-criterion="tieu_chi_1"]');
    await expect(first.getByTestId('change').textContent()).resolves.toContain(`kỳ 2025-Q4: ${pct(results.previous.criteria.tieu_chi_1!.share)}`);
    await page.getByText(t('vi', 'ui.surveys.no_children')).waitFor();
    await screenshot(page, 'results-commune-desktop');

    // The breadcrumb goes back up.
    await page.getByRole('navigation', { name: 'Vị trí đơn vị' }).getByRole('link', { name: 'Công an tỉnh Thanh Hóa' }).click();
    await page.getByRole('heading', { name: 'Kết quả: Công an tỉnh Thanh Hóa' }).waitFor();
    expect(new URL(page.url()).searchParams.get('unit')).toBeNull();

    // Participants: form link, QR code (SVG on screen, PNG to print), the sample-size helper.
    await page.getByRole('link', { name: 'Đơn vị tham gia' }).click();
    const row = page.locator(`tr[data-unit="${thieuHoa}"]`);
    await expect(row.locator('a.form-url').getAttribute('href')).resolves.toBe(`/s/${slug}`);
    await expect(row.locator('img').getAttribute('src')).resolves.toBe(`/s/${slug}/qr.svg`);
    const svg = await page.request.get(`/s/${slug}/qr.svg`);
    expect(svg.status()).toBe(200);
    expect(svg.headers()['content-type']).toContain('image/svg+xml');
    expect((await page.request.get(`/s/${slug}/qr.png`)).headers()['content-type']).toBe('image/png');
    await row.getByRole('button', { name: 'Sửa chỉ tiêu của Công an xã Thiệu Hóa' }).click();
    await page.getByLabel('Dân số (N)').fill('12000');
    await expect.poll(() => page.getByTestId('sample-size').textContent()).toContain('≈ 388');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect.poll(() => row.locator('td').nth(3).textContent()).toBe('388');
    await expect(row.locator('td').nth(2).textContent()).resolves.toBe('12.000');
    await screenshot(page, 'participants-desktop');
    expect(await seriousA11yProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('leader on a phone (375×740): results and participants without sideways scrolling', async () => {
    const page = await openPage(browser, server.origin, { viewport: PHONE });
    await login(page, 'lanhdao.tinh');
    await page.goto(`/console/surveys/campaigns/${c2026}/results`);
    await page.getByTestId('valid-count').waitFor();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'results-phone');
    await page.locator('.criterion').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'results-criteria-phone');
    expect(await seriousA11yProblems(page)).toEqual([]);
    // The table's headers are hidden on a phone; the same sorting is a list.
    await page.getByLabel('Sắp xếp theo').selectOption('share:asc');
    const shares = await page.locator('.children-table tbody td:nth-child(2) strong').allTextContents();
    const values = shares.filter((s) => s !== '—').map((s) => Number(s.replace('%', '').replace(',', '.')));
    expect(values).toEqual([...values].sort((a, b) => a - b));
    await page.locator('.children-table').scrollIntoViewIfNeeded();
    await screenshot(page, 'results-children-phone');
    await page.getByRole('link', { name: 'Đơn vị tham gia' }).click();
    await page.locator('table.participants tbody tr').first().waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'participants-phone');
    await page.goto('/console/surveys/questionnaires/1');
    await page.getByRole('heading', { name: 'Thang đánh giá' }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'questionnaire-phone');
    await page.context().close();
  });

  it('commune officer sees only Xã Thiệu Hóa', async () => {
    const page = await openPage(browser, server.origin, { viewport: DESKTOP });
    await login(page, 'canbo.thieuhoa');
    // The way up (breadcrumb) is looked up after the figures show, from the commune one parent at a time: without
    // waiting for that lookup, "no breadcrumb" would hold before it had even run.
    const lookup = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/units/${thieuHoa}`);
    await page.goto(`/console/surveys/campaigns/${c2026}/results`);
    await page.getByRole('heading', { name: 'Kết quả: Công an xã Thiệu Hóa' }).waitFor();
    expect(await validCount(page)).toBe(await responseCount(server, c2026, thieuHoa));
    await expect(page.locator('.children-table').count()).resolves.toBe(0);
    // No way up to the province (the officer is not told the commune's parent: the lookup ends there), and no state
    // changes for the province's campaign.
    expect(((await (await lookup).json()) as { parent: unknown }).parent).toBeNull();
    await expect(page.getByRole('navigation', { name: 'Vị trí đơn vị' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Kết thúc đợt' }).count()).resolves.toBe(0);
    await screenshot(page, 'results-officer-desktop');
    await page.getByRole('link', { name: 'Đơn vị tham gia' }).click();
    await expect(page.locator('table.participants tbody th[scope="row"]').allTextContents()).resolves.toEqual(['Công an xã Thiệu Hóa']);
    // The province itself answers "not found".
    await page.goto(`/console/surveys/campaigns/${c2026}/results?unit=${province}`);
    await page.getByRole('alert').waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toBe(t('vi', 'errors.not_found'));
    await page.context().close();
  });

  it('administrator: create a campaign, open, close, reopen with a reason; the audit keeps it', async () => {
    const page = await openPage(browser, server.origin, { viewport: DESKTOP });
    page.on('dialog', (d) => void d.accept());
    await login(page, 'quantri.tinh');
    await page.goto('/console/surveys');
    await page.getByRole('button', { name: 'Tạo đợt khảo sát' }).click();
    const form = page.getByRole('form', { name: 'Tạo đợt khảo sát' });
    await form.getByLabel('Tên đợt khảo sát').fill('Khảo sát thử nghiệm quý I năm 2027');
    await form.getByLabel('Kỳ', { exact: true }).fill('2027-Q1');
    await form.getByLabel('Ngày mở', { exact: true }).fill('01/01/2027');
    await form.getByLabel('Ngày kết thúc', { exact: true }).fill('31/03/2027');
    await form.getByLabel('So sánh với đợt').selectOption(String(c2026));
    await expect(form.getByLabel('Phiếu (phiên bản đã ban hành)').inputValue()).resolves.not.toBe('');
    await screenshot(page, 'campaign-create-desktop');
    await form.getByRole('button', { name: 'Tạo đợt (bản nháp)' }).click();
    await page.getByRole('heading', { name: 'Khảo sát thử nghiệm quý I năm 2027', level: 1 }).waitFor();
    const header = page.locator('.campaign-head');
    await expect(header.locator('[data-state]').textContent()).resolves.toBe('Bản nháp');
    await expect(page.locator('table.participants tbody tr[data-unit]').count()).resolves.toBe(166);

    await page.getByRole('button', { name: 'Mở đợt' }).click();
    await header.locator('[data-state="open"]').waitFor();
    await page.getByRole('button', { name: 'Kết thúc đợt' }).click();
    await header.locator('[data-state="closed"]').waitFor();
    // Reopening needs a reason.
    await page.getByRole('button', { name: 'Mở lại', exact: true }).click();
    await page.getByRole('button', { name: 'Mở lại đợt' }).click();
    await expect(page.locator('.reopen-form .field-error').textContent()).resolves.toBe(t('vi', 'validation.required'));
    await page.getByLabel('Lý do mở lại').fill('Bổ sung phiếu của thôn Đông chưa kịp nộp');
    await screenshot(page, 'campaign-reopen-desktop');
    await page.getByRole('button', { name: 'Mở lại đợt' }).click();
    await header.locator('[data-state="open"]').waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);

    await page.getByRole('link', { name: 'Nhật ký' }).click();
    await page.getByLabel('Người thực hiện (tên đăng nhập)').fill('quantri.tinh');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    const reopen = page.locator('.audit-item[data-action="campaign.reopen"]').first();
    await reopen.waitFor();
    for (const action of ['campaign.create', 'campaign.open', 'campaign.close']) await page.locator(`.audit-item[data-action="${action}"]`).first().waitFor();
    await expect.poll(async () => new Set(await page.locator('.audit-item .audit-who').allTextContents())).toEqual(new Set(['quantri.tinh']));
    await reopen.getByRole('button', { name: /^Xem chi tiết sự kiện/ }).click();
    await expect(reopen.locator('.audit-diff').textContent()).resolves.toContain('Bổ sung phiếu của thôn Đông chưa kịp nộp');
    await screenshot(page, 'campaign-audit-desktop');
    await page.context().close();
  });
});
