// Debian's chromium through playwright-core, plus the steps every journey repeats: open a page at a size,
// sign in, take a screenshot, check accessibility with axe.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { DEMO_PASSWORD } from '../../src/seed/personas.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve('e2e/screenshots');
export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 375, height: 740 };

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page in its own context (own cookies), Vietnamese by default like the people who use it. */
export async function openPage(browser: Browser, origin: string, opts: { viewport?: { width: number; height: number }; locale?: string } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: opts.viewport ?? DESKTOP, locale: opts.locale ?? 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', baseURL: origin });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  // A page error is a bug in the console: fail loudly rather than time out later.
  page.on('pageerror', (err) => {
    throw err;
  });
  return page;
}

/** Signs in through the login form and waits for the signed-in header. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/console/');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

export async function logout(page: Page) {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** Serious and critical axe violations on the current page, described one per line (empty when none). */
export async function seriousA11yProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Names of the units the tree shows, after opening every branch. */
export async function treeUnitCodes(page: Page): Promise<string[]> {
  await page.getByRole('button', { name: 'Mở hết' }).click();
  return page.locator('.tree-root li[data-code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code') ?? ''));
}

/** Moves the tree's as-of date (typed as people type it) and waits for that date's tree. */
export async function setAsOf(page: Page, iso: string) {
  const [y, m, d] = iso.split('-');
  await page.getByLabel('Xem cơ cấu tại ngày', { exact: true }).fill(`${d}/${m}/${y}`);
  await page.locator(`.tree[data-asof="${iso}"]`).waitFor();
}
