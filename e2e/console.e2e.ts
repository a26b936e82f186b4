// The province administrator's day: browse history by date, follow a historical unit to today's successors,
// create an account (a per-field error first), grant and revoke a role, and find it all in the audit trail.
// Also: the tree on a phone and at 1366×768, the forced password change, the language switch, and axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { formatDate, todayVN } from '../src/core/dates.ts';
import { t } from '../src/i18n/index.ts';
import { DEMO } from '../src/seed/demo.ts';
import { DESKTOP, PHONE, launch, login, openPage, screenshot, seriousA11yProblems, setAsOf } from './helpers/browser.ts';
import { startServer, type E2EServer } from './helpers/server.ts';

const HISTORY = '2025-01-01';
const NEW_USER = { username: 'canbo.thunghiem', fullName: 'Nguyễn Thị Thử Nghiệm', first: 'Tam@thoi2026', final: 'Moi@LangNghe2026' };

describe('staff console', () => {
  let server: E2EServer;
  let browser: Browser;
  let unitId: (code: string) => number;
  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    const graph = await server.services.access.unitGraph();
    unitId = (code) => graph.idOf(code)!;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('login page: accessible at both sizes, errors shown', async () => {
    for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      const page = await openPage(browser, server.origin, { viewport });
      await page.goto('/console/');
      await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
      expect(await seriousA11yProblems(page)).toEqual([]);
      await screenshot(page, `login-${name}`);
      await page.getByLabel('Tên đăng nhập').fill('quantri.tinh');
      await page.getByLabel('Mật khẩu', { exact: true }).fill('sai-mat-khau');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toBe(t('vi', 'errors.invalid_credentials'));
      await page.context().close();
    }
  });

  it('history by date, lineage to today, accounts and grants, audit (1366×768)', async () => {
    const page = await openPage(browser, server.origin, { viewport: DESKTOP });
    await login(page, 'quantri.tinh');

    // 01/01/2025: the district police, each with its communes.
    await setAsOf(page, HISTORY);
    const graph = await server.services.access.unitGraph();
    const province = graph.treeAsOf(HISTORY)[0]!.children.find((n) => n.code === DEMO.province)!;
    const district = province.children.find((n) => n.code === DEMO.thieuHoaDistrict)!;
    expect(province.children.filter((n) => n.level === 'district')).toHaveLength(26);
    await expect(page.getByTestId('tree-counts').textContent()).resolves.toContain('Cấp huyện: 26');
    await page.getByRole('button', { name: 'Mở Công an huyện Thiệu Hóa' }).click();
    const communeItems = page.locator(`li[data-code="${DEMO.thieuHoaDistrict}"] > ul > li`);
    await communeItems.first().waitFor();
    const communes = await communeItems.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(communes).toEqual(district.children.map((c) => c.code));
    expect(communes).toContain(DEMO.oldThieuHoaTown);

    // The filter works without Vietnamese marks.
    await page.getByLabel('Lọc theo tên hoặc mã đơn vị').fill('thi tran thieu hoa');
    await expect(page.locator('.tree-root li.match .unit-link').first().textContent()).resolves.toBe('Công an thị trấn Thiệu Hóa');
    await page.getByLabel('Lọc theo tên hoặc mã đơn vị').fill('');

    // A historical unit leads to today's successors.
    await page.locator(`li[data-code="${DEMO.oldThieuHoaTown}"] > .tree-row .unit-link`).click();
    await page.getByRole('heading', { name: 'Công an thị trấn Thiệu Hóa', level: 2 }).waitFor();
    const successors = page.locator('section[aria-labelledby="succ-title"] a');
    await expect(successors.allTextContents()).resolves.toEqual(['Công an xã Thiệu Hóa', 'Công an xã Thiệu Trung']);
    await expect(page.locator('.events').textContent()).resolves.toContain('01/07/2025');
    await screenshot(page, 'unit-history-desktop');
    expect(await seriousA11yProblems(page)).toEqual([]);
    // A successor opens as of today, and the tree follows.
    await successors.first().click();
    await page.getByRole('heading', { name: 'Công an xã Thiệu Hóa', level: 2 }).waitFor();
    await page.locator(`.tree[data-asof="${todayVN()}"] .tree-row.selected`).waitFor();
    await expect(page.getByLabel('Xem cơ cấu tại ngày', { exact: true }).inputValue()).resolves.toBe(formatDate(todayVN()));
    await expect(page.locator('section[aria-labelledby="pred-title"] li').count()).resolves.toBe(graph.predecessors(unitId(DEMO.thieuHoaCommune)).length);

    // A new account: a weak password is named on its field, then it is created.
    await page.getByRole('link', { name: 'Người dùng' }).click();
    await page.getByRole('button', { name: 'Thêm người dùng' }).click();
    const form = page.getByRole('form', { name: 'Thêm người dùng' });
    await form.getByLabel('Tên đăng nhập').fill(NEW_USER.username);
    await form.getByLabel('Mật khẩu ban đầu').fill('yeu');
    await form.getByLabel('Họ và tên').fill(NEW_USER.fullName);
    await form.getByLabel('Đơn vị công tác').selectOption(String(unitId(DEMO.thieuHoaCommune)));
    await form.getByRole('button', { name: 'Tạo mới' }).click();
    const passwordInput = form.getByLabel('Mật khẩu ban đầu');
    await page.waitForFunction(() => document.querySelector('input[name="password"]')?.getAttribute('aria-invalid') === 'true');
    const describedBy = (await passwordInput.getAttribute('aria-describedby'))!.split(' ');
    await expect(page.locator(`[id="${describedBy.at(-1)}"]`).textContent()).resolves.toBe(t('vi', 'password.too_short', { min: 10 }));
    await expect(form.getByRole('alert').textContent()).resolves.toBe(t('vi', 'errors.validation'));
    await screenshot(page, 'user-create-error-desktop');
    await passwordInput.fill(NEW_USER.first);
    await form.getByRole('button', { name: 'Tạo mới' }).click();
    await page.getByRole('heading', { name: `${NEW_USER.fullName} (${NEW_USER.username})` }).waitFor();
    const created = await server.database.db.selectFrom('users').select(['id']).where('username', '=', NEW_USER.username).executeTakeFirstOrThrow();

    // Grant a role at Công an xã Thiệu Hóa.
    const grantForm = page.getByRole('form', { name: 'Cấp thêm quyền' });
    await grantForm.getByLabel('Vai trò').selectOption('officer');
    await grantForm.getByLabel(/^Tại đơn vị/).selectOption(String(unitId(DEMO.thieuHoaCommune)));
    await grantForm.getByRole('button', { name: 'Cấp quyền' }).click();
    const grantItem = page.locator(`li[data-grant="officer@${unitId(DEMO.thieuHoaCommune)}"]`);
    await grantItem.waitFor();
    await screenshot(page, 'users-desktop');

    // The new user must change the temporary password, then sees the unit the grant reaches.
    await firstSignIn(await openPage(browser, server.origin, { viewport: PHONE }));

    // Revoke the grant.
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Thu hồi quyền Cán bộ tại Công an xã Thiệu Hóa' }).click();
    await grantItem.waitFor({ state: 'detached' });

    // The audit trail has all of it.
    // The unfiltered list, asked for on opening the screen, is held back until after the filtered one has come:
    // its late answer must not replace the filtered list.
    const unfiltered = (url: string) => url.includes('/api/audit?') && !new URL(url).searchParams.has('actor');
    const late = page.waitForResponse((r) => unfiltered(r.url()));
    await page.route('**/api/audit?*', async (route) => {
      if (unfiltered(route.request().url())) await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await page.getByRole('link', { name: 'Nhật ký' }).click();
    await page.getByLabel('Người thực hiện (tên đăng nhập)').fill('quantri.tinh');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await late;
    await page.unroute('**/api/audit?*');
    await page.waitForTimeout(300); // the late answer reaches the screen
    for (const action of ['user.create', 'grant.create', 'grant.delete']) {
      await page.locator(`.audit-item[data-action="${action}"]`).first().waitFor();
    }
    const createdEvent = page.locator('.audit-item[data-action="user.create"]').first();
    await expect(createdEvent.locator('time').textContent()).resolves.toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    await createdEvent.getByRole('button', { name: /^Xem chi tiết sự kiện/ }).click();
    await expect(createdEvent.locator('.audit-diff').textContent()).resolves.toContain(NEW_USER.username);
    await expect(page.locator('.audit-item[data-action="grant.delete"]').first().textContent()).resolves.toContain(`#`);
    const ids = await page.locator('.audit-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(ids.every((a) => a !== null)).toBe(true);
    // The filter applied: every event listed is the administrator's (the unfiltered list, loaded first, has others').
    await expect.poll(async () => new Set(await page.locator('.audit-item .audit-who').allTextContents())).toEqual(new Set(['quantri.tinh']));
    await screenshot(page, 'audit-desktop');
    expect(await seriousA11yProblems(page)).toEqual([]);
    expect(created.id).toBeGreaterThan(0);

    // English on request, and the API answers in it too.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Units' }).click();
    await page.getByRole('heading', { name: 'Units', level: 1 }).waitFor();
    await screenshot(page, 'units-english-desktop');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('heading', { name: 'Cơ cấu đơn vị' }).waitFor();
    await page.context().close();
  });

  async function firstSignIn(page: Page) {
    await login(page, NEW_USER.username, NEW_USER.first);
    await page.getByRole('heading', { name: 'Đổi mật khẩu' }).waitFor();
    await page.getByLabel('Mật khẩu hiện tại').fill(NEW_USER.first);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill(NEW_USER.final);
    await page.getByLabel('Nhập lại mật khẩu mới').fill(NEW_USER.final);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).last().click();
    await page.locator('.tree .unit-link').first().waitFor();
    await expect(page.locator('.tree .unit-link').allTextContents()).resolves.toEqual(['Công an xã Thiệu Hóa']);
    await page.context().close();
  }

  it('the tree on a phone (375×740): one panel at a time, no sideways scrolling', async () => {
    const page = await openPage(browser, server.origin, { viewport: PHONE });
    await login(page, 'quantri.tinh');
    await setAsOf(page, HISTORY);
    await page.getByRole('button', { name: 'Mở Công an huyện Thiệu Hóa' }).click();
    await page.locator(`li[data-code="${DEMO.oldThieuHoaTown}"]`).scrollIntoViewIfNeeded();
    await screenshot(page, 'tree-phone');
    expect(await seriousA11yProblems(page)).toEqual([]);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);

    await page.locator(`li[data-code="${DEMO.oldThieuHoaTown}"] > .tree-row .unit-link`).click();
    await page.getByRole('heading', { name: 'Công an thị trấn Thiệu Hóa', level: 2 }).waitFor();
    expect(await page.locator('.tree-panel').isVisible()).toBe(false);
    await screenshot(page, 'detail-phone');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.getByRole('link', { name: '← Cây đơn vị' }).click();
    await page.locator('.tree-panel').waitFor({ state: 'visible' });
    await page.context().close();
  });

  it('the tree at 1366×768: both panels side by side in the window', async () => {
    const page = await openPage(browser, server.origin, { viewport: DESKTOP });
    await login(page, 'quantri.tinh');
    await page.locator('.tree .unit-link').first().waitFor();
    await screenshot(page, 'tree-desktop');
    expect(await seriousA11yProblems(page)).toEqual([]);
    const [tree, detail] = await Promise.all([page.locator('.tree-panel').boundingBox(), page.locator('.detail-panel').boundingBox()]);
    expect(tree!.x + tree!.width).toBeLessThanOrEqual(detail!.x);
    // The page itself does not scroll; the panels do.
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
    await page.context().close();
  });

  it('a screen whose code cannot be loaded offers a reload; the menu and the other screens still work', async () => {
    const page = await openPage(browser, server.origin, { viewport: DESKTOP });
    await login(page, 'quantri.tinh');
    await page.locator('.tree .unit-link').first().waitFor();
    // As after an upgrade: the audit screen's chunk (loaded on first use) is no longer there.
    await page.route('**/console/assets/AuditScreen-*.js', (route) => route.fulfill({ status: 404, body: '' }));
    await page.getByRole('link', { name: t('vi', 'ui.nav.audit') }).click();
    const alert = page.getByRole('alert');
    await expect(alert.textContent()).resolves.toContain(t('vi', 'ui.error.screen_load'));
    await alert.getByRole('button', { name: t('vi', 'ui.reload') }).waitFor();
    await screenshot(page, 'screen-load-failed');
    // The rest of the console goes on: the units screen opens from the menu.
    await page.getByRole('link', { name: t('vi', 'ui.nav.units') }).click();
    await page.locator('.tree .unit-link').first().waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    // Once the chunk is there again, the reload offered opens the screen.
    await page.unroute('**/console/assets/AuditScreen-*.js');
    await page.getByRole('link', { name: t('vi', 'ui.nav.audit') }).click();
    await page.getByRole('button', { name: t('vi', 'ui.reload') }).click();
    await page.waitForURL('**/console/audit');
    await page.getByRole('heading', { name: t('vi', 'ui.audit.title'), level: 1 }).waitFor();
    await page.context().close();
  });
});
