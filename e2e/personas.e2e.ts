// Every demo persona signs in and sees exactly its own subtree (today and in the past), the menus its roles
// allow, its name and grants in the header; then signs out. Expected sets come from the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { todayVN } from '../src/core/dates.ts';
import { t } from '../src/i18n/index.ts';
import { PERSONAS } from '../src/seed/personas.ts';
import { launch, login, logout, openPage, screenshot, setAsOf, treeUnitCodes } from './helpers/browser.ts';
import { expectedUnits } from './helpers/scope.ts';
import { startServer, type E2EServer } from './helpers/server.ts';

const BEFORE_DISTRICTS_ENDED = '2025-01-01';
const LAST_DAY_OF_OLD_COMMUNES = '2025-06-30';

/** Concrete facts each persona's tree must show (names as on the screen). */
const FACTS: Record<string, { date: string; roots?: string[]; has?: string[]; not?: string[]; exactly?: string[]; communes?: number }[]> = {
  'quantri.bo': [{ date: 'today', roots: ['Bộ Công an'], has: ['Công an tỉnh Thanh Hóa'] }],
  'quantri.tinh': [{ date: 'today', roots: ['Công an tỉnh Thanh Hóa'], communes: 166 }, { date: BEFORE_DISTRICTS_ENDED, has: ['Công an huyện Thiệu Hóa'] }],
  'lanhdao.tinh': [{ date: 'today', roots: ['Công an tỉnh Thanh Hóa'], communes: 166, not: ['Bộ Công an'] }],
  'dando.tinhuy': [{ date: 'today', roots: ['Công an tỉnh Thanh Hóa'], communes: 166 }],
  'lanhdao.thieuhoa': [{ date: 'today', exactly: ['Công an xã Thiệu Hóa'] }],
  'canbo.thieuhoa': [
    { date: 'today', exactly: ['Công an xã Thiệu Hóa'] },
    { date: LAST_DAY_OF_OLD_COMMUNES, has: ['Công an thị trấn Thiệu Hóa', 'Công an xã Thiệu Long'], not: ['Công an xã Thiệu Hóa', 'Công an xã Định Hòa'] },
    { date: BEFORE_DISTRICTS_ENDED, has: ['Công an thị trấn Thiệu Hóa'], not: ['Công an huyện Thiệu Hóa', 'Công an xã Định Hòa'] },
  ],
  'nhaplieu.thieuhoa': [{ date: 'today', exactly: ['Công an xã Thiệu Hóa'] }],
  'canbo.dinhhoa': [
    { date: 'today', exactly: ['Công an xã Định Hòa', 'Công an xã Thiệu Trung'] },
    { date: BEFORE_DISTRICTS_ENDED, has: ['Công an xã Định Hòa', 'Công an thị trấn Thiệu Hóa'], not: ['Công an xã Thiệu Hóa'] },
  ],
};

describe('personas', () => {
  let server: E2EServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('every demo persona has facts to check', () => {
    expect(Object.keys(FACTS).sort()).toEqual(PERSONAS.map((p) => p.username).sort());
  });

  for (const persona of PERSONAS) {
    it(`${persona.username} sees its subtree and its menus`, async () => {
      const page = await openPage(browser, server.origin);
      await login(page, persona.username);

      // Header: name and every grant (role and unit).
      await expect(page.getByTestId('user-name').textContent()).resolves.toBe(persona.fullName);
      const grants = await page.locator('.grants li').allTextContents();
      expect(grants).toHaveLength(persona.grants.length);
      for (const g of persona.grants) expect(grants.some((x) => x.startsWith(t('vi', `role.${g.role}`)))).toBe(true);

      // Menus follow the roles: everyone sees units and surveys; all but viewers key paper sheets; admins and
      // leaders see users and audit; admins alone may create users.
      const roles = new Set(persona.grants.map((g) => g.role));
      const manages = roles.has('admin');
      const reads = manages || roles.has('leader');
      const enters = [...roles].some((r) => r !== 'viewer');
      const nav = page.getByRole('navigation', { name: 'Chức năng chính' });
      // Everyone reads the feedback register, conferences, work results and documents; all but viewers enter
      // items and reach the register's settings.
      expect(await nav.getByRole('link').allTextContents()).toEqual([
        'Đơn vị', 'Khảo sát', ...(enters ? ['Nhập phiếu giấy'] : []), 'Sổ tiếp nhận ý kiến', ...(enters ? ['Cấu hình ý kiến'] : []),
        'Hội nghị', 'Kết quả công tác', 'Văn bản', ...(reads ? ['Người dùng', 'Nhật ký'] : []),
      ]);

      // The tree today and on earlier dates: exactly the expected units, and the named facts.
      for (const fact of FACTS[persona.username]!) {
        const date = fact.date === 'today' ? todayVN() : fact.date;
        if (fact.date !== 'today') await setAsOf(page, date);
        else await page.locator(`.tree[data-asof="${date}"]`).waitFor();
        const expected = await expectedUnits(server, persona.username, date);
        expect(expected.length).toBeGreaterThan(0);
        const shown = await treeUnitCodes(page);
        expect(new Set(shown)).toEqual(new Set(expected.map((u) => u.code)));
        expect(shown).toHaveLength(expected.length);
        const topLevel = await page.locator('.tree-root > li').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
        expect(new Set(topLevel)).toEqual(new Set(expected.filter((u) => u.root).map((u) => u.code)));

        const names = await page.locator('.tree-root .unit-link').allTextContents();
        if (fact.exactly) expect(names.sort()).toEqual([...fact.exactly].sort());
        for (const n of fact.has ?? []) expect(names).toContain(n);
        for (const n of fact.not ?? []) expect(names).not.toContain(n);
        if (fact.roots) expect(await page.locator('.tree-root > li > .tree-row .unit-link').allTextContents()).toEqual(fact.roots);
        if (fact.communes) {
          expect(expected.filter((u) => u.level === 'commune')).toHaveLength(fact.communes);
          await expect(page.getByTestId('tree-counts').textContent()).resolves.toContain(`Cấp xã: ${fact.communes}`);
        }
      }
      await screenshot(page, `persona-${persona.username}`);

      if (reads) {
        await nav.getByRole('link', { name: 'Người dùng' }).click();
        await page.getByRole('heading', { name: 'Người dùng và phân quyền' }).waitFor();
        await page.locator('.user-item').first().waitFor();
        expect(await page.getByRole('button', { name: 'Thêm người dùng' }).count()).toBe(manages ? 1 : 0);
        // A leader reads an account but gets no form to change it.
        await page.locator('.user-item').first().click();
        await page.getByRole('heading', { name: 'Quyền theo đơn vị' }).waitFor();
        expect(await page.getByRole('button', { name: 'Lưu' }).count()).toBe(manages ? 1 : 0);
        await nav.getByRole('link', { name: 'Nhật ký' }).click();
        await page.locator('.audit-item').first().waitFor();
      } else {
        // Typing the address does not open a screen the menu hides.
        await page.goto('/console/users');
        await page.getByRole('heading', { name: t('vi', 'errors.not_found') }).waitFor();
      }

      await logout(page);
      await page.context().close();
    });
  }
});
