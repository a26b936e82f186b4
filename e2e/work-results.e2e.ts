// Work results in the console: Xã Thiệu Hóa's leader enters two figures for 2025 and the same two for 2026 from the
// keyboard (Enter moves to the next input), saves, and sees 2026 beside 2025 with the change and its percentage.
// Then imports a small CSV after a dry run that names a bad row. Axe on each screen; screenshots for the record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, launch, login, openPage, screenshot, seriousA11yProblems } from './helpers/browser.ts';
import { startServer, type E2EServer } from './helpers/server.ts';

const DETECTED = 'Số vụ phạm pháp hình sự phát hiện';
const SOLVED = 'Số vụ phạm pháp hình sự điều tra làm rõ';

describe('work results in the console', () => {
  let server: E2EServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const enter = async (year: string, detected: string, solved: string) => {
    await page.getByLabel('Năm', { exact: true }).selectOption(year);
    await page.getByRole('heading', { name: `Công an xã Thiệu Hóa — Năm ${year}`, level: 3 }).waitFor();
    const first = page.getByLabel(DETECTED, { exact: true });
    await first.fill(detected);
    await first.press('Enter');
    // Enter moved the focus to the next indicator's input.
    await expect(page.evaluate(() => document.activeElement?.getAttribute('id'))).resolves.toBe(await page.getByLabel(SOLVED, { exact: true }).getAttribute('id'));
    await page.keyboard.type(solved);
    await page.getByText('2 số liệu chưa lưu.').waitFor();
    await page.getByRole('button', { name: 'Lưu số liệu' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu 2 số liệu.' }).waitFor();
  };

  it('leader: enters 2025 and 2026 figures and sees the comparison', async () => {
    page = await openPage(browser, server.origin, { viewport: DESKTOP });
    await login(page, 'lanhdao.thieuhoa');
    await page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Kết quả công tác' }).click();
    await page.getByRole('heading', { name: 'Kết quả công tác đảm bảo an ninh, trật tự', level: 1 }).waitFor();
    await expect(page.getByLabel('Kỳ báo cáo').locator('option:checked').textContent()).resolves.toBe('Cả năm');

    await enter('2025', '40', '30');
    await enter('2026', '50', '42');

    const detected = page.locator('tr[data-code="crime_detected"]');
    await expect(detected.getByTestId('previous').textContent()).resolves.toBe('40');
    await expect(detected.getByTestId('change').textContent()).resolves.toBe('▲ tăng 10 (+25%)');
    await expect(page.locator('tr[data-code="crime_solved"]').getByTestId('change').textContent()).resolves.toBe('▲ tăng 12 (+40%)');
    // Stored as entered, and the address keeps the unit and period.
    const unitId = (await server.database.db.selectFrom('units').select('id').where('code', '=', 'TH-X-THIEUHOA').executeTakeFirstOrThrow()).id;
    const stored = await server.database.db.selectFrom('work_results').select(['period', 'value']).where('unit_id', '=', unitId).where('period', 'in', ['2025', '2026']).orderBy('period').orderBy('value').execute();
    expect(stored.map((r) => [r.period, Number(r.value)])).toEqual(expect.arrayContaining([['2025', 30], ['2025', 40], ['2026', 42], ['2026', 50]]));
    expect(page.url()).toContain('period=2026');
    await detected.scrollIntoViewIfNeeded();
    await screenshot(page, 'work-results-desktop');
    expect(await seriousA11yProblems(page)).toEqual([]);
  });

  it('leader: checks a file (a bad row is named), then imports it after a dry run', async () => {
    await page.getByRole('navigation', { name: 'Các mục kết quả công tác' }).getByRole('link', { name: 'Nhập từ tệp' }).click();
    await page.getByRole('heading', { name: 'Nhập từ tệp', level: 2 }).waitFor();
    const file = (rows: string[]) => ({ name: 'ket-qua.csv', mimeType: 'text/csv', buffer: Buffer.from(['Mã đơn vị,Kỳ báo cáo,Mã chỉ tiêu,Giá trị', ...rows].join('\n')) });
    await page.getByLabel('Tệp số liệu').setInputFiles(file(['TH-X-THIEUHOA,2026-Q3,drug_cases,3', 'TH-X-THIEUHOA,2026-Q3,drug_offenders,-1']));
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await page.locator('tr[data-line="3"]').filter({ hasText: 'Giá trị không được âm.' }).waitFor();
    await page.getByLabel('Tệp số liệu').setInputFiles(file(['TH-X-THIEUHOA,2026-Q3,drug_cases,3', 'TH-X-THIEUHOA,2026-Q3,drug_offenders,4']));
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await page.getByRole('heading', { name: 'Kết quả kiểm tra' }).waitFor();
    await screenshot(page, 'work-results-import-desktop');
    expect(await seriousA11yProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Nhập 2 dòng' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã nhập 2 dòng' }).waitFor();
    const n = await server.database.db.selectFrom('work_results').select('id').where('period', '=', '2026-Q3').where('source', '=', 'import').execute();
    expect(n).toHaveLength(2);
  });
});
