// Keying paper sheets in the console: the commune officer creates a batch of 20 sheets and downloads its PDF;
// the clerk keys all 20 with the keyboard only (scanner-style IDs, a lower-case ID without its dash, the QR
// content, a blank sheet, a correction with Backspace, a comment with Vietnamese tone marks, answers typed
// before the sheet is on screen) and every stored answer is compared with what was typed; the same sheet
// cannot be keyed twice. Then double entry: the provincial leader sets the rate to 100 %, two clerks key a
// sheet differently, the commune officer resolves the disagreement and the response is stored once. Screens
// at 1366×768 (and the keying screen on a phone), with axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { t } from '../src/i18n/index.ts';
import { DESKTOP, PHONE, login, openPage, screenshot, seriousA11yProblems } from './helpers/browser.ts';
import type { E2EServer } from './helpers/server.ts';
import { closeSurveyFixture, openSurveyFixture } from './helpers/surveys.ts';
import { apiAs, latestBatchId, sheetIdsOf, sheetResponses, sheetState } from './helpers/paper.ts';

/** Rating keys in printed order → the scale's codes (src/core/surveys/template.ts): 1 = Rất hài lòng (4) … 0/9 = no opinion (9). */
const RATING: Record<string, string> = { 1: '4', 2: '3', 3: '2', 4: '1', 0: '9', 9: '9' };
const AGE = ['duoi_30', '30_45', '46_60', 'tren_60'];
const GENDER = ['nam', 'nu', 'khac'];
const JOB = ['nong_dan', 'cong_nhan', 'can_bo', 'kinh_doanh', 'hoc_sinh', 'huu_tri', 'khac'];

/** Keys pressed through page.keyboard, counted. */
class Keys {
  count = 0;
  /** Of which free text (the comments). */
  text = 0;
  constructor(private readonly page: Page) {}
  async press(key: string) {
    this.count++;
    await this.page.keyboard.press(key);
  }
  async type(text: string, free = false) {
    this.count += [...text].length;
    if (free) this.text += [...text].length;
    await this.page.keyboard.type(text);
  }
}

describe('keying paper sheets', () => {
  let server: E2EServer;
  let browser: Browser;
  let c2026: number;
  let thieuHoa: number;
  let sheets: string[] = [];

  beforeAll(async () => {
    ({ server, browser, thieuHoa, c2026 } = await openSurveyFixture());
  });
  afterAll(() => closeSurveyFixture({ server, browser }));

  it('officer: a batch of 20 sheets for Xã Thiệu Hóa, its PDF, its state', async () => {
    const page = await openPage(browser, server.origin, { viewport: DESKTOP });
    await login(page, 'canbo.thieuhoa');
    await page.goto(`/console/surveys/campaigns/${c2026}`);
    await page.getByRole('link', { name: 'Phiếu giấy', exact: true }).click();
    await page.getByRole('heading', { name: 'Lô phiếu in', exact: true }).waitFor();
    const form = page.getByRole('form', { name: 'Tạo lô phiếu in' });
    await expect(form.getByLabel('Đơn vị').inputValue()).resolves.toBe(String(thieuHoa));
    await form.getByLabel('Số phiếu').fill('20');
    await form.getByLabel('Ghi chú (không bắt buộc)').fill('Thôn Đông, hội nghị ngày 12/11');
    await form.getByRole('button', { name: 'Tạo lô' }).click();
    await page.getByTestId('batch-created').waitFor();
    const batchId = await latestBatchId(server, c2026, thieuHoa);
    sheets = await sheetIdsOf(server, batchId);
    expect(sheets).toHaveLength(20);
    const row = page.locator(`tr[data-batch="${batchId}"]`);
    await expect(row.locator('[data-state]').textContent()).resolves.toBe('Đã in');
    await expect(row.locator('[data-sheet-state="printed"]').textContent()).resolves.toBe('Chưa nhập: 20');
    // The PDF link answers with the batch's A4 PDF.
    const pdf = await page.request.get(await page.getByRole('link', { name: `Tải PDF lô ${batchId}` }).first().getAttribute('href') ?? '');
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    // Forward only: handed out.
    await row.getByRole('button', { name: `Chuyển lô ${batchId} sang “Đã phát”` }).click();
    await row.locator('[data-state="handed_out"]').waitFor();
    await screenshot(page, 'paper-tab-desktop');
    expect(await seriousA11yProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('clerk: 20 sheets keyed with the keyboard only, stored exactly as typed', async () => {
    expect(sheets).toHaveLength(20);
    const page = await openPage(browser, server.origin, { viewport: DESKTOP });
    await login(page, 'nhaplieu.thieuhoa');
    // From here on: the keyboard only.
    await page.goto('/console/keying');
    const idField = page.getByLabel('Mã phiếu', { exact: true });
    await expect.poll(() => idField.evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, 'keying-empty-desktop');
    const results = async () => (await apiAs<{ totals: { byChannel: Record<string, number> } }>(page, 'GET', `/api/campaigns/${c2026}/results`)).totals.byChannel.paper ?? 0;
    const paperBefore = await results();

    const keys = new Keys(page);
    const expected: Record<string, { status: string; answers: Record<string, string> }> = {};
    const timings: number[] = [];
    const keystrokes: number[] = [];
    for (let i = 0; i < sheets.length; i++) {
      const id = sheets[i]!;
      const started = Date.now();
      const before = keys.count - keys.text;
      // A scanner types like a keyboard; one sheet typed in lower case without the dash, one scanned as the QR content.
      await keys.type(i === 2 ? id.toLowerCase().replace('-', '') : i === 3 ? `${id}/1` : id);
      await keys.press('Enter');
      // Sheet 8 is answered straight after Enter, as a practised clerk does: keys typed while the sheet is on its way count.
      if (i !== 7) await page.locator(`.sheet-keyer[data-sheet="${id}"]`).waitFor();
      if (i === 0) await expect.poll(() => page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('data-q'))).toBe('da_lam_viec');

      if (i === 1) {
        // A blank sheet: B, then Enter on the confirmation.
        await keys.press('b');
        await page.getByRole('group', { name: `Ghi nhận phiếu ${id} là phiếu trắng (không hợp lệ)?` }).waitFor();
        await screenshot(page, 'keying-blank-confirm-desktop');
        await keys.press('Enter');
        expected[id] = { status: 'invalid', answers: {} };
      } else {
        const a: Record<string, string> = {};
        const dealt = i % 3 === 0;
        await keys.press(dealt ? '1' : '2');
        a.da_lam_viec = dealt ? 'co' : 'khong';
        for (let j = 1; j <= 9; j++) {
          if (j === 7 && !dealt) continue; // hidden: the cursor passes over it by itself
          let key = ['1', '2', '3', '4', '0'][(i + j) % 5]!;
          if (i === 4 && key === '0') key = '9';
          await keys.press(key);
          a[`tieu_chi_${j}`] = RATING[key]!;
          if (i === 5 && j === 2) {
            // A slip corrected: back to criterion 2 and the right level.
            await keys.press('Backspace');
            await keys.press('4');
            a.tieu_chi_2 = RATING['4']!;
          }
        }
        if (i === 6) await screenshot(page, 'keying-sheet-desktop');
        if (i % 4 === 0) {
          const comment = `Cán bộ tiếp dân nhiệt tình, chu đáo (phiếu ${i + 1}).`;
          await keys.type(comment, true);
          a.gop_y = comment;
        }
        await keys.press('Enter'); // the comment done, or skipped
        if (i % 2 === 0) {
          const [age, gender, job] = [i % 4, i % 3, i % 7];
          await keys.press(String(age + 1));
          await keys.press(String(gender + 1));
          await keys.press(String(job + 1));
          Object.assign(a, { do_tuoi: AGE[age]!, gioi_tinh: GENDER[gender]!, nghe_nghiep: JOB[job]! });
        } else {
          for (let k = 0; k < 3; k++) await keys.press('Tab'); // optional demographics skipped
        }
        await page.getByTestId('keying-summary').waitFor();
        if (i === 0) {
          await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('kconfirm'))).toBe(true);
          await screenshot(page, 'keying-confirm-desktop');
          expect(await seriousA11yProblems(page)).toEqual([]);
        }
        await keys.press('Enter');
        expected[id] = { status: 'valid', answers: a };
      }
      await expect.poll(() => page.getByTestId('keying-done').textContent()).toBe(`Đã lưu phiếu ${id}${i === 1 ? ' (phiếu trắng)' : ''} — ${i + 1} phiếu trong phiên.`)
        .catch(async (err: unknown) => {
          // Leave a picture of the screen for whoever reads the failure.
          await screenshot(page, `keying-failed-sheet-${i + 1}`);
          throw err;
        });
      await expect.poll(() => idField.evaluate((el) => el === document.activeElement)).toBe(true);
      timings.push(Date.now() - started);
      keystrokes.push(keys.count - keys.text - before);
    }
    await expect(page.getByTestId('keying-stats').textContent()).resolves.toMatch(/^Trong phiên: 20 phiếu · trung bình \d+,\d giây\/phiếu$/);
    await screenshot(page, 'keying-saved-desktop');
    expect(await seriousA11yProblems(page)).toEqual([]);

    // Each sheet's response holds exactly what was typed.
    let invalid = 0;
    for (const id of sheets) {
      const stored = await sheetResponses(server, id);
      expect(stored, id).toHaveLength(1);
      expect(stored[0]!.channel).toBe('paper');
      expect({ status: stored[0]!.status, answers: stored[0]!.answers }, id).toEqual(expected[id]);
      if (stored[0]!.status === 'invalid') invalid++;
    }
    expect(invalid).toBe(1);
    expect(Object.values(expected).filter((e) => e.answers.tieu_chi_7).length).toBeGreaterThan(0);
    expect(await results()).toBe(paperBefore + 20);

    // The first sheet again: already keyed, nothing stored.
    await keys.type(sheets[0]!);
    await keys.press('Enter');
    await expect.poll(() => page.getByTestId('sheet-id-error').textContent()).toBe(t('vi', 'paper.already_keyed'));
    await screenshot(page, 'keying-already-keyed-desktop');
    expect(await sheetResponses(server, sheets[0]!)).toHaveLength(1);
    // A mistyped ID (one wrong symbol) is refused, not attached to another sheet.
    const last = sheets[0]!.at(-1) === 'A' ? 'B' : 'A';
    await keys.type(`${sheets[0]!.slice(0, -1)}${last}`); // the field's text was selected: typing replaces it
    await keys.press('Enter');
    await expect.poll(() => page.getByTestId('sheet-id-error').textContent()).toBe(t('vi', 'paper.bad_sheet_id'));
    expect(await results()).toBe(paperBefore + 20);

    const valid = timings.filter((_, i) => i !== 1);
    const avg = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    console.log(`[keying] 20 sheets: ${(avg(timings) / 1000).toFixed(2)} s per sheet on average (valid 14-question sheets: ${(avg(valid) / 1000).toFixed(2)} s); `
      + `keystrokes per sheet: ${avg(keystrokes).toFixed(1)} on average (min ${Math.min(...keystrokes)}, max ${Math.max(...keystrokes)}; the typed ID + Enter included, `
      + `the comments' ${keys.text} characters over ${sheets.filter((_, i) => i % 4 === 0).length} sheets not)`);
    await page.context().close();
  }, 180000);

  it('double entry: 100 %, two clerks disagree, the officer resolves, the response is stored once', async () => {
    // The provincial leader (a manager of the organiser) sets the rate on the campaign page.
    const leader = await openPage(browser, server.origin, { viewport: DESKTOP });
    await login(leader, 'lanhdao.tinh');
    await leader.goto(`/console/surveys/campaigns/${c2026}/paper`);
    await leader.getByRole('heading', { name: 'Nhập hai lần để đối chiếu' }).waitFor();
    await leader.getByRole('radio', { name: '100 %' }).check();
    await leader.getByRole('button', { name: 'Lưu tỷ lệ' }).click();
    await expect.poll(() => leader.getByRole('status').filter({ hasText: 'Đã đặt tỷ lệ' }).textContent()).toBe('Đã đặt tỷ lệ nhập hai lần: 100,0%.');
    const permille = await server.database.db.selectFrom('campaigns').select(['double_entry_permille']).where('id', '=', c2026).executeTakeFirstOrThrow();
    expect(permille.double_entry_permille).toBe(1000);
    await screenshot(leader, 'paper-double-entry-desktop');
    await leader.context().close();

    // A fresh sheet (API, as the officer); a second clerk for Xã Thiệu Hóa (API, as the provincial administrator).
    const officer = await openPage(browser, server.origin, { viewport: DESKTOP });
    await login(officer, 'canbo.thieuhoa');
    const batch = await apiAs<{ id: number }>(officer, 'POST', `/api/campaigns/${c2026}/paper-batches`, { unitId: thieuHoa, count: 1 });
    const [sheet] = await sheetIdsOf(server, batch.id);
    const admin = await openPage(browser, server.origin, { viewport: DESKTOP });
    await login(admin, 'quantri.tinh');
    const user = await apiAs<{ id: number }>(admin, 'POST', '/api/users', { username: 'nhaplieu2.thieuhoa', password: 'Tam-Thoi-2026!', fullName: 'Lê Thị Nhập', unitId: thieuHoa });
    await apiAs(admin, 'POST', `/api/users/${user.id}/grants`, { unitId: thieuHoa, role: 'clerk' });
    await admin.context().close();

    const keySheet = async (page: Page, criterion9: string) => {
      const keys = new Keys(page);
      await keys.type(sheet!);
      await keys.press('Enter');
      await page.locator(`.sheet-keyer[data-sheet="${sheet}"]`).waitFor();
      await keys.press('2'); // Không
      for (let j = 1; j <= 8; j++) if (j !== 7) await keys.press('2');
      await keys.press(criterion9);
      await keys.press('Enter');
      for (let k = 0; k < 3; k++) await keys.press('Tab');
      await page.getByTestId('keying-summary').waitFor();
      await keys.press('Enter');
    };

    // Clerk 1: the first keying waits for a second one; keying it again herself is refused, keeping what she typed.
    const clerk1 = await openPage(browser, server.origin, { viewport: DESKTOP });
    await login(clerk1, 'nhaplieu.thieuhoa');
    await clerk1.goto('/console/keying');
    await keySheetReady(clerk1);
    await keySheet(clerk1, '1');
    await expect.poll(() => clerk1.getByTestId('keying-done').textContent()).toContain(`Đã lưu lần nhập 1 của phiếu ${sheet}`);
    expect(await sheetState(server, sheet!)).toBe('awaiting_second');
    await keySheet(clerk1, '1');
    await expect.poll(() => clerk1.getByTestId('keying-error').textContent()).toBe(t('vi', 'paper.second_clerk'));
    await expect(clerk1.locator('.kq[data-q="tieu_chi_9"] .kopt.picked').textContent()).resolves.toContain('Rất hài lòng');
    await screenshot(clerk1, 'keying-second-clerk-error-desktop');
    await clerk1.context().close();

    // Clerk 2 (first sign-in: the temporary password is changed) keys criterion 9 differently.
    const clerk2 = await openPage(browser, server.origin, { viewport: DESKTOP });
    const anon = await clerk2.request.post('/api/auth/login', { data: { username: 'nhaplieu2.thieuhoa', password: 'Tam-Thoi-2026!' }, headers: { origin: server.origin } });
    expect(anon.status()).toBe(200);
    await apiAs(clerk2, 'POST', '/api/auth/password', { currentPassword: 'Tam-Thoi-2026!', newPassword: 'Nhap-Lieu-Hai-2026!' });
    await apiAs(clerk2, 'POST', '/api/auth/logout');
    await login(clerk2, 'nhaplieu2.thieuhoa', 'Nhap-Lieu-Hai-2026!');
    await clerk2.goto('/console/keying');
    await keySheetReady(clerk2);
    await keySheet(clerk2, '2');
    await expect.poll(() => clerk2.getByTestId('keying-done').textContent()).toContain(`Đã lưu lần nhập 2 của phiếu ${sheet}`);
    expect(await sheetState(server, sheet!)).toBe('disagreement');
    expect(await sheetResponses(server, sheet!)).toHaveLength(0);
    await clerk2.context().close();

    // The officer sees the disagreement, compares both keyings and settles criterion 9 from the paper.
    await officer.goto(`/console/surveys/campaigns/${c2026}/paper`);
    await officer.getByRole('heading', { name: 'Phiếu cần xử lý chênh lệch' }).waitFor();
    await officer.locator(`.disagreements li[data-sheet="${sheet}"]`).getByRole('link').click();
    await officer.getByRole('heading', { name: `Xử lý chênh lệch phiếu ${sheet}` }).waitFor();
    // The heading shows while the sheet still loads: wait for its table before reading the rows.
    await officer.locator('table.resolve-table').waitFor();
    const differing = await officer.locator('tr.differs').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-q')));
    expect(differing).toEqual(['tieu_chi_9']);
    await expect(officer.locator('tr[data-q="tieu_chi_9"] td[data-round="1"]').textContent()).resolves.toBe('1 · Rất hài lòng');
    await expect(officer.locator('tr[data-q="tieu_chi_9"] td[data-round="2"]').textContent()).resolves.toBe('2 · Hài lòng');
    await screenshot(officer, 'resolve-desktop');
    expect(await seriousA11yProblems(officer)).toEqual([]);
    // Without a choice for the differing question, nothing is sent.
    await officer.getByRole('button', { name: 'Xác nhận kết quả' }).click();
    await expect.poll(() => officer.locator('tr[data-q="tieu_chi_9"] .field-error').textContent()).toBe('Chọn kết quả đúng theo phiếu giấy.');
    await officer.getByLabel(/^10\. Mức độ hài lòng chung/).selectOption('3');
    await officer.getByRole('button', { name: 'Xác nhận kết quả' }).click();
    await officer.getByTestId('resolve-done').waitFor();
    const stored = await sheetResponses(server, sheet!);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.status).toBe('valid');
    expect(stored[0]!.answers.tieu_chi_9).toBe('3');
    expect(stored[0]!.answers.tieu_chi_1).toBe('3');
    expect(await sheetState(server, sheet!)).toBe('keyed');
    await officer.goto(`/console/surveys/campaigns/${c2026}/paper`);
    await officer.getByText('Không có phiếu nào chênh lệch.').waitFor();
    await officer.context().close();
  }, 120000);

  it('the keying screen on a phone does not break', async () => {
    const page = await openPage(browser, server.origin, { viewport: PHONE });
    await login(page, 'canbo.thieuhoa');
    const batch = await apiAs<{ id: number }>(page, 'POST', `/api/campaigns/${c2026}/paper-batches`, { unitId: thieuHoa, count: 1 });
    const [sheet] = await sheetIdsOf(server, batch.id);
    await page.goto('/console/keying');
    await keySheetReady(page);
    await page.keyboard.type(sheet!);
    await page.keyboard.press('Enter');
    await page.locator(`.sheet-keyer[data-sheet="${sheet}"]`).waitFor();
    await page.keyboard.press('1');
    await page.keyboard.press('2');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'keying-phone');
    await page.context().close();
  });
});

/** The sheet-ID field has the focus (the screen is ready for the scanner). */
async function keySheetReady(page: Page) {
  const idField = page.getByLabel('Mã phiếu', { exact: true });
  await expect.poll(() => idField.evaluate((el) => el === document.activeElement)).toBe(true);
}
