// Survey data in and out of the console: the commune's clerk imports a Google-Forms-style CSV into the 2026
// campaign (suggested mapping, one value mapped by hand, check, import with progress; a file with a bad value
// imports nothing); the provincial leader breaks results down by age (groups shown at the province, hidden
// below the minimum cell at the commune) and downloads the CSV export; the provincial administrator takes a
// questionnaire out as XLSForm and brings it back as a new draft and as a new questionnaire. Axe on the import tab.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SCALE_4, defaultQuestionnaire } from '../src/core/surveys/template.ts';
import { DESKTOP, PHONE, login, openPage, screenshot, seriousA11yProblems } from './helpers/browser.ts';
import type { E2EServer } from './helpers/server.ts';
import { closeSurveyFixture, openSurveyFixture } from './helpers/surveys.ts';

const form = defaultQuestionnaire();
const questions = form.sections.flatMap((s) => s.questions);
const label = (id: string) => questions.find((q) => q.id === id)!.label.vi;
const CRITERIA = questions.filter((q) => q.type === 'rating').map((q) => q.id);
const LEVELS = [...SCALE_4.levels.map((l) => l.label.vi), SCALE_4.noOpinion!.label.vi];
const STAMP = 'Dấu thời gian';
/** A value no label matches, which the clerk maps by hand. */
const HAND = 'Rất HL';

const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** A Google Forms export: a timestamp column, then the questions' Vietnamese labels, answers as labels. */
function googleFormsCsv(n: number, bad?: { row: number; criterion: string; value: string }): string {
  const header = [STAMP, label('da_lam_viec'), ...CRITERIA.map(label)];
  const lines = [header];
  for (let i = 0; i < n; i++) {
    const dealt = i % 3 !== 0;
    const row = [`2026/11/${String(10 + (i % 15)).padStart(2, '0')} ${8 + (i % 9)}:${String(i % 60).padStart(2, '0')}:00 SA GMT+7`, dealt ? 'Có' : 'Không'];
    CRITERIA.forEach((id, j) => {
      if (id === 'tieu_chi_7' && !dealt) return row.push('');
      if (bad && bad.row === i && bad.criterion === id) return row.push(bad.value);
      if (i === 0 && id === 'tieu_chi_1') return row.push(HAND);
      row.push(LEVELS[(i + j) % (i % 7 === 0 ? 5 : 4)]!);
    });
    lines.push(row);
  }
  return `${lines.map((l) => l.map(quote).join(',')).join('\r\n')}\r\n`;
}

describe('survey data: import, breakdown, export, XLSForm', () => {
  let server: E2EServer;
  let browser: Browser;
  let c2026: number;
  let thieuHoa: number;
  let importedTotal = 0;

  beforeAll(async () => {
    ({ server, browser, thieuHoa, c2026 } = await openSurveyFixture());
  });
  afterAll(() => closeSurveyFixture({ server, browser }));

  const imported = async () => Number((await server.database.db.selectFrom('responses').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', '=', c2026).where('unit_id', '=', thieuHoa).where('channel', '=', 'import').executeTakeFirstOrThrow()).n);

  async function uploadFile(page: Page, name: string, csv: string) {
    await page.getByLabel('Đơn vị nhận phiếu').selectOption(String(thieuHoa));
    await page.getByLabel('Tệp dữ liệu (CSV hoặc Excel)').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: 'Tải tệp lên' }).click();
    await page.locator('.import-mapper').waitFor();
  }

  it('clerk: imports a Google Forms CSV (mapping suggested, one value by hand), all or nothing (1366×768)', async () => {
    const N = 620;
    const page = await openPage(browser, server.origin, { viewport: DESKTOP });
    page.on('dialog', (d) => void d.accept());
    await login(page, 'nhaplieu.thieuhoa');
    await page.goto(`/console/surveys/campaigns/${c2026}`);
    await page.getByRole('link', { name: 'Nhập dữ liệu' }).click();
    await page.getByRole('heading', { name: 'Nhập phiếu từ tệp' }).waitFor();
    await expect(page.getByTestId('all-or-nothing').textContent()).resolves.toContain('không phiếu nào được nhập');
    const before = await imported();

    await uploadFile(page, 'google-forms.csv', googleFormsCsv(N));
    await expect(page.locator('.import-mapper').textContent()).resolves.toContain(`Tệp «google-forms.csv»: ${N} dòng dữ liệu; dưới đây là 10 dòng đầu.`);
    await expect(page.locator('.import-preview thead th').allTextContents()).resolves.toEqual(['Dòng', STAMP, label('da_lam_viec'), ...CRITERIA.map(label)]);
    expect(await page.locator('.import-preview tbody tr').count()).toBe(10);
    // The suggestion: the timestamp skipped, every question column mapped by its label.
    expect(await page.getByLabel(`Câu hỏi cho cột «${STAMP}»`).inputValue()).toBe('');
    expect(await page.getByLabel(`Câu hỏi cho cột «${label('da_lam_viec')}»`).inputValue()).toBe('da_lam_viec');
    for (const id of CRITERIA) expect(await page.getByLabel(`Câu hỏi cho cột «${label(id)}»`).inputValue()).toBe(id);
    // Labels became codes; the one value nothing matched is marked.
    const crit1 = page.locator('.value-map[data-question="tieu_chi_1"]');
    expect(await crit1.locator('tr[data-value="Rất hài lòng"] select').inputValue()).toBe('4');
    expect(await crit1.locator('tr[data-value="Không có ý kiến / không áp dụng"] select').inputValue()).toBe('9');
    expect(await page.locator('.value-map tr.unmapped').count()).toBe(1);
    await expect(crit1.locator('tr.unmapped').getAttribute('data-value')).resolves.toBe(HAND);
    await expect(page.getByTestId('unmapped-count').textContent()).resolves.toBe('Còn 1 giá trị chưa gán.');
    await screenshot(page, 'import-mapping-desktop');
    expect(await seriousA11yProblems(page)).toEqual([]);

    // Checking with the value unmapped names its row; mapping it by hand makes every row valid.
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await page.getByTestId('check-result').waitFor();
    await expect(page.getByTestId('check-result').textContent()).resolves.toContain(`${N - 1}/${N} dòng hợp lệ.`);
    const row = page.locator('.issue-table tr[data-line="2"]');
    await expect(row.textContent()).resolves.toContain(`Giá trị «${HAND}» chưa được gán`);
    await expect(row.locator('td').nth(1).textContent()).resolves.toBe(label('tieu_chi_1'));
    await page.getByLabel(`Câu trả lời cho giá trị «${HAND}» của «${label('tieu_chi_1')}»`).selectOption({ label: 'Rất hài lòng' });
    expect(await page.locator('.value-map tr.unmapped').count()).toBe(0);
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await expect(page.getByTestId('check-result').textContent()).resolves.toContain(`Cả ${N} dòng đều hợp lệ: có thể nhập.`);
    expect(await imported()).toBe(before);

    // Import: the progress bar, then how many went in.
    await page.getByRole('button', { name: `Nhập ${N} phiếu` }).click();
    await page.getByTestId('import-progress').waitFor();
    await page.getByText(`Đã nhập ${N} phiếu vào Công an xã Thiệu Hóa.`).waitFor();
    await expect(page.locator('#import-progress').getAttribute('value')).resolves.toBe(String(N));
    await expect(page.locator('#import-progress').getAttribute('max')).resolves.toBe(String(N));
    await screenshot(page, 'import-done-desktop');
    expect(await imported()).toBe(before + N);
    importedTotal = N;
    // The hand-mapped value is stored as its code.
    const firstAnswers = await server.database.db.selectFrom('answers').innerJoin('responses', 'responses.id', 'answers.response_id')
      .select(['answers.value']).where('responses.campaign_id', '=', c2026).where('responses.channel', '=', 'import').where('answers.question_id', '=', 'tieu_chi_1')
      .orderBy('responses.id').limit(1).executeTakeFirstOrThrow();
    expect(firstAnswers.value).toBe('4');

    // A file with a value nobody maps: the row error, and nothing imported.
    await page.getByRole('button', { name: 'Nhập tệp khác' }).click();
    await uploadFile(page, 'co-loi.csv', googleFormsCsv(3, { row: 2, criterion: 'tieu_chi_2', value: 'Tuyệt vời' }));
    await page.getByLabel(`Câu trả lời cho giá trị «${HAND}» của «${label('tieu_chi_1')}»`).selectOption({ label: 'Rất hài lòng' });
    await page.getByRole('button', { name: 'Nhập 3 phiếu' }).click();
    await page.getByTestId('run-failed').waitFor();
    await expect(page.getByRole('alert').filter({ hasText: 'Không phiếu nào được nhập' }).count()).resolves.toBe(1);
    const bad = page.getByTestId('run-failed').locator('tr[data-line="4"]');
    await expect(bad.locator('td').nth(1).textContent()).resolves.toBe(label('tieu_chi_2'));
    await expect(bad.locator('td').nth(2).textContent()).resolves.toContain('«Tuyệt vời»');
    expect(await imported()).toBe(before + N);
    await screenshot(page, 'import-error-desktop');
    expect(await seriousA11yProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('clerk on a phone (375×740): the import tab without sideways scrolling', async () => {
    const page = await openPage(browser, server.origin, { viewport: PHONE });
    await login(page, 'nhaplieu.thieuhoa');
    await page.goto(`/console/surveys/campaigns/${c2026}?tab=import`);
    await uploadFile(page, 'google-forms.csv', googleFormsCsv(12));
    await screenshot(page, 'import-mapping-phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.locator('.value-maps').scrollIntoViewIfNeeded();
    await screenshot(page, 'import-values-phone');
    await page.context().close();
  });

  it('leader: breakdown by age at the province and at Xã Thiệu Hóa; CSV export', async () => {
    const page = await openPage(browser, server.origin, { viewport: DESKTOP });
    await login(page, 'lanhdao.tinh');
    await page.goto(`/console/surveys/campaigns/${c2026}/results`);
    await page.getByLabel('Phân theo').selectOption({ label: 'Độ tuổi' });
    const table = page.locator('table.breakdown-table[data-by="do_tuoi"]');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(4);
    const shown = table.locator('tbody tr:not(.suppressed)');
    expect(await shown.count()).toBeGreaterThan(0);
    for (const n of await shown.getByTestId('group-responses').allTextContents()) expect(Number(n.replace(/\D/g, ''))).toBeGreaterThanOrEqual(10);
    await expect(shown.first().textContent()).resolves.toMatch(/\d+,\d%/);
    await table.scrollIntoViewIfNeeded();
    await screenshot(page, 'breakdown-province-desktop');
    expect(await seriousA11yProblems(page)).toEqual([]);

    await page.goto(`/console/surveys/campaigns/${c2026}/results?unit=${thieuHoa}`);
    await page.getByLabel('Phân theo').selectOption({ label: 'Độ tuổi' });
    const commune = page.locator(`table.breakdown-table[data-by="do_tuoi"][data-focus="${thieuHoa}"]`);
    await commune.waitFor();
    // Small groups show no figure at all, only why.
    const hidden = commune.locator('tbody tr.suppressed');
    expect(await hidden.count()).toBe(4);
    for (const text of await hidden.locator('td').allTextContents()) expect(text).toBe('Ẩn (dưới 10 phiếu)');
    expect(await commune.getByTestId('group-responses').count()).toBe(0);
    await commune.scrollIntoViewIfNeeded();
    await screenshot(page, 'breakdown-commune-desktop');

    // The commune's responses as CSV: BOM, then the header.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải tệp CSV — Công an xã Thiệu Hóa' }).click()]);
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const head = `Mã phiếu,Đơn vị,Kênh,Tình trạng,Ngày,${quote(`da_lam_viec. ${label('da_lam_viec')}`)},${quote(`tieu_chi_1. ${label('tieu_chi_1')}`)}`;
    expect(text.slice(0, head.length)).toBe(head);
    expect(download.suggestedFilename()).toBe(`ket-qua-2026-Q4-${thieuHoa}.csv`);
    if (importedTotal) expect(text).toContain('Nhập từ tệp');
    await page.context().close();
  });

  it('administrator: a version out as XLSForm and back as a new draft and a new questionnaire', async () => {
    const db = server.database.db;
    const page = await openPage(browser, server.origin, { viewport: DESKTOP });
    page.on('dialog', (d) => void d.accept());
    await login(page, 'quantri.tinh');
    const qn = await db.selectFrom('questionnaires').select(['id']).orderBy('id').executeTakeFirstOrThrow();
    const versions = async () => db.selectFrom('questionnaire_versions').select(['id', 'version', 'status']).where('questionnaire_id', '=', qn.id).orderBy('version').execute();
    const before = await versions();
    const latest = before.at(-1)!;
    await page.goto(`/console/surveys/questionnaires/${qn.id}?v=${latest.id}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: `Tải XLSForm của phiên bản ${latest.version}` }).click()]);
    const file = (await download.path())!;
    expect(fs.readFileSync(file).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

    await page.getByRole('button', { name: 'Nhập XLSForm thành bản nháp mới' }).click();
    await page.getByLabel('Tệp XLSForm (.xlsx)').setInputFiles(file);
    await page.getByRole('button', { name: 'Nhập thành bản nháp' }).click();
    await page.getByText('Đã nhập XLSForm thành bản nháp mới.').waitFor();
    const after = await versions();
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({ version: latest.version + 1, status: 'draft' });
    await page.waitForURL(`**/console/surveys/questionnaires/${qn.id}?v=${after.at(-1)!.id}`);
    await page.getByText('Đã nhập XLSForm thành bản nháp mới.').waitFor();
    await screenshot(page, 'xlsform-draft-desktop');

    // The surveys list: a new questionnaire from the same file.
    await page.goto('/console/surveys');
    await page.getByRole('button', { name: 'Tạo phiếu từ XLSForm' }).click();
    await page.getByLabel('Mã phiếu').fill('xlsform-e2e');
    await page.getByLabel('Tệp XLSForm (.xlsx)').setInputFiles(file);
    await page.getByRole('button', { name: 'Tạo phiếu', exact: true }).click();
    await page.getByText('Đã tạo phiếu từ XLSForm.').waitFor();
    expect(await db.selectFrom('questionnaires').select(['id']).where('code', '=', 'xlsform-e2e').executeTakeFirst()).toBeTruthy();
    await screenshot(page, 'xlsform-create-desktop');
    expect(await seriousA11yProblems(page)).toEqual([]);

    // A file that is not an XLSForm: the errors as a table, nothing created.
    await page.getByRole('button', { name: 'Hủy' }).click();
    await page.getByRole('button', { name: 'Tạo phiếu từ XLSForm' }).click();
    await page.getByLabel('Mã phiếu').fill('xlsform-bad');
    await page.getByLabel('Tệp XLSForm (.xlsx)').setInputFiles({ name: 'bad.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('not a spreadsheet') });
    await page.getByRole('button', { name: 'Tạo phiếu', exact: true }).click();
    await page.getByRole('alert').first().waitFor();
    expect(await db.selectFrom('questionnaires').select(['id']).where('code', '=', 'xlsform-bad').executeTakeFirst()).toBeUndefined();
    await screenshot(page, 'xlsform-error-desktop');
    await page.context().close();
  });
});
