// A resident answers the satisfaction form of Xã Thiệu Hóa on a phone: with JavaScript (one question at a
// time, the conditional criterion, the draft surviving a reload), without JavaScript (errors per question,
// answers kept), offline (queued on the phone, sent once when the network is back), and refused while the server is
// overloaded (kept on the phone, sent again by themselves). Also: axe, 320 px,
// large text, and the bytes the first visit costs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { t } from '../src/i18n/index.ts';
import { DEMO } from '../src/seed/demo.ts';
import { PHONE, launch, screenshot, seriousA11yProblems } from './helpers/browser.ts';
import { startServer, type E2EServer } from './helpers/server.ts';
import { campaignIdOf, formSlug, responseCount } from './helpers/surveys.ts';
import { holdingWrites } from '../test/helpers/hold-writes.ts';

const PAGE_WEIGHT_LIMIT = 20 * 1024;
// At most one submission of a kind waits to be written (read when the server's committers are made; this file runs
// in a process of its own): the overload journey needs only two. The other journeys send one at a time.
process.env.LANGNGHE_MAX_WAITING_WRITES = '1';

describe('the survey form (resident, phone)', () => {
  let server: E2EServer;
  let browser: Browser;
  let campaignId: number;
  let unitId: number;
  let slug: string;
  const count = () => responseCount(server, campaignId, unitId);

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    const graph = await server.services.access.unitGraph();
    unitId = graph.idOf(DEMO.thieuHoaCommune)!;
    campaignId = await campaignIdOf(server, '2026-Q4');
    slug = await formSlug(server, campaignId, unitId);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function phone(opts: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      viewport: opts.viewport ?? PHONE, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', baseURL: server.origin,
      javaScriptEnabled: opts.javaScriptEnabled ?? true, isMobile: true, hasTouch: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    page.on('pageerror', (err) => {
      throw err;
    });
    return { context, page };
  }

  /** The one question on screen (JavaScript, small screen). */
  const current = (page: Page) => page.locator('#f .q:not([hidden])');

  /** Answers the question on screen if it is a criterion (Hài lòng) or the comment; the rest stay optional. */
  async function answerCurrent(page: Page) {
    const q = current(page);
    const id = (await q.getAttribute('id'))!.slice(2);
    if (id.startsWith('tieu_chi_') && !(await q.locator('input:checked').count())) await q.locator('input[value="3"]').check();
    if (id === 'gop_y') await q.locator('textarea').fill('Đề nghị tăng cường tuần tra buổi tối.');
    return id;
  }

  /** Next until the submit button shows, answering on the way; returns the questions seen. */
  async function stepToEnd(page: Page): Promise<string[]> {
    const seen = [await answerCurrent(page)];
    const next = page.getByRole('button', { name: 'Câu tiếp' });
    while (await next.isVisible()) {
      await next.click();
      seen.push(await answerCurrent(page));
    }
    return seen;
  }

  it('with JavaScript: one question at a time, the condition, the draft after a reload, thanks', async () => {
    const before = await count();
    const { context, page } = await phone();
    await page.goto(`/s/${slug}`);
    await expect(page.locator('.prog').textContent()).resolves.toBe('Câu 1/13');
    await expect(current(page).count()).resolves.toBe(1);
    // Criterion 7 (administrative procedures) is asked only of people who dealt with the police.
    expect(await page.locator('#q-tieu_chi_7').getAttribute('data-off')).not.toBeNull();
    // Next without the required answer says so, and stays.
    await page.getByRole('button', { name: 'Câu tiếp' }).click();
    await expect(current(page).locator('.err').textContent()).resolves.toBe(t('vi', 'form.js.required'));
    await current(page).getByLabel('Có', { exact: true }).check();
    expect(await page.locator('#q-tieu_chi_7').getAttribute('data-off')).toBeNull();
    await expect(page.locator('.prog').textContent()).resolves.toBe('Câu 1/14');
    await screenshot(page, 'form-phone-q1');

    // Three criteria, then the phone reloads the page: the draft comes back.
    for (let i = 0; i < 3; i++) {
      await page.getByRole('button', { name: 'Câu tiếp' }).click();
      await answerCurrent(page);
    }
    await expect(current(page).getAttribute('id')).resolves.toBe('q-tieu_chi_3');
    await page.reload();
    await expect(page.locator('#q-da_lam_viec input[value="co"]').isChecked()).resolves.toBe(true);
    for (const n of [1, 2, 3]) await expect(page.locator(`#q-tieu_chi_${n} input[value="3"]`).isChecked()).resolves.toBe(true);
    expect(await page.locator('#q-tieu_chi_7').getAttribute('data-off')).toBeNull();

    const seen = await stepToEnd(page);
    expect(seen).toContain('tieu_chi_7');
    expect(seen).toHaveLength(14);
    await screenshot(page, 'form-phone-last');
    await page.getByRole('button', { name: 'Gửi phiếu' }).click();
    await page.waitForURL(`**/s/${slug}/cam-on`);
    await page.getByRole('heading', { name: t('vi', 'form.thanks_title') }).waitFor();
    await screenshot(page, 'form-phone-thanks');
    expect(await count()).toBe(before + 1);
    // The conditional answer was stored with the others.
    const last = await server.database.db.selectFrom('responses').select(['id']).where('campaign_id', '=', campaignId).where('unit_id', '=', unitId)
      .orderBy('id', 'desc').executeTakeFirstOrThrow();
    const stored = await server.database.db.selectFrom('answers').select(['question_id']).where('response_id', '=', last.id).execute();
    expect(stored.map((a) => a.question_id)).toEqual(expect.arrayContaining(['da_lam_viec', 'tieu_chi_7', 'tieu_chi_9', 'gop_y']));
    await context.close();
  });

  it('without JavaScript: a missing answer is named on its question, answers are kept, then thanks', async () => {
    const before = await count();
    const { context, page } = await phone({ javaScriptEnabled: false });
    await page.goto(`/s/${slug}`);
    // Every question is on the page; the condition is written out.
    await expect(page.locator('#q-tieu_chi_7 .cond').textContent()).resolves.toContain('Có');
    await page.locator('#q-da_lam_viec input[value="khong"]').check();
    for (const n of [1, 2, 3, 4, 5, 6, 8]) await page.locator(`#q-tieu_chi_${n} input[value="4"]`).check();
    await page.locator('#q-gop_y textarea').fill('Cán bộ tiếp dân nhiệt tình.');
    await page.getByRole('button', { name: 'Gửi phiếu' }).click();
    await page.locator('#errors').waitFor();
    await expect(page.locator('#q-tieu_chi_9 .err').textContent()).resolves.toBe(t('vi', 'survey.answer_required'));
    await expect(page.locator('#errors li').count()).resolves.toBe(1);
    await expect(page.locator('#q-tieu_chi_1 input[value="4"]').isChecked()).resolves.toBe(true);
    await expect(page.locator('#q-da_lam_viec input[value="khong"]').isChecked()).resolves.toBe(true);
    await expect(page.locator('#q-gop_y textarea').inputValue()).resolves.toBe('Cán bộ tiếp dân nhiệt tình.');
    await page.locator('#q-tieu_chi_9').scrollIntoViewIfNeeded();
    await screenshot(page, 'form-nojs-error');
    expect(await seriousA11yProblemsNoJs(page)).toEqual([]);
    expect(await count()).toBe(before);

    await page.locator('#q-tieu_chi_9 input[value="3"]').check();
    await page.getByRole('button', { name: 'Gửi phiếu' }).click();
    await page.waitForURL(`**/s/${slug}/cam-on`);
    await page.getByRole('heading', { name: t('vi', 'form.thanks_title') }).waitFor();
    expect(await count()).toBe(before + 1);
    await context.close();
  });

  /** axe needs JavaScript in the page: check the same server-rendered error page in a context that has it. */
  async function seriousA11yProblemsNoJs(page: Page) {
    const html = await page.content();
    const { context, page: withJs } = await phone();
    await withJs.route('**/s/assets/form.js', (r) => r.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
    await withJs.goto(`/s/${slug}`);
    await withJs.setContent(html);
    const problems = await seriousA11yProblems(withJs);
    await context.close();
    return problems;
  }

  it('offline: saved on the phone, sent once when the network is back', async () => {
    const before = await count();
    const { context, page } = await phone();
    await page.goto(`/s/${slug}`);
    await current(page).getByLabel('Không', { exact: true }).check();
    await page.getByRole('button', { name: 'Câu tiếp' }).click();
    await answerCurrent(page);
    await stepToEnd(page);
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Gửi phiếu' }).click();
    await page.waitForFunction((text) => document.getElementById('status')?.textContent === text, t('vi', 'form.js.saved_offline'));
    await expect(page.evaluate(() => JSON.parse(localStorage.getItem('ln-queue') ?? '[]').length)).resolves.toBe(1);
    await screenshot(page, 'form-phone-offline');
    expect(await count()).toBe(before);

    await context.setOffline(false);
    // The flush may run twice (the browser's online event, ours, and the next page load): one response.
    await page.evaluate(() => {
      window.dispatchEvent(new Event('online'));
      window.dispatchEvent(new Event('online'));
    });
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('ln-queue') ?? '[]').length === 0);
    await page.reload();
    await page.locator('#f').waitFor();
    await expect.poll(count, { timeout: 5000 }).toBe(before + 1);
    await page.waitForTimeout(500);
    expect(await count()).toBe(before + 1);
    await context.close();
  });

  it('server overloaded (503): the answers are kept on the phone and sent again by themselves half a minute later', async () => {
    const before = await count();
    const { context, page } = await phone();
    await page.clock.install();
    await page.goto(`/s/${slug}`);
    await current(page).getByLabel('Không', { exact: true }).check();
    await page.getByRole('button', { name: 'Câu tiếp' }).click();
    await answerCurrent(page);
    await stepToEnd(page);
    // The writes are held back (as by a long import) while another resident's answers wait to be written: with at
    // most one waiting (LANGNGHE_MAX_WAITING_WRITES above), the phone's are refused for now (db/group-commit.ts).
    let held: Promise<Response> | null = null;
    await holdingWrites(server.database, async () => {
      const answers = { da_lam_viec: 'khong', ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`tieu_chi_${i + 1}`, '4'])) };
      held = fetch(`${server.origin}/s/${slug}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answers, clientKey: 'e2e-held-while-busy' }) });
      await new Promise((r) => setTimeout(r, 300));
      const refused = page.waitForResponse((r) => r.url().endsWith(`/s/${slug}`) && r.request().method() === 'POST');
      await page.getByRole('button', { name: 'Gửi phiếu' }).click();
      expect([(await refused).status(), (await refused).headers()['retry-after']]).toEqual([503, '5']);
      await page.waitForFunction((text) => document.getElementById('status')?.textContent === text, t('vi', 'form.js.busy'));
      await screenshot(page, 'form-phone-busy');
      await expect(page.evaluate(() => JSON.parse(localStorage.getItem('ln-queue') ?? '[]').length)).resolves.toBe(1);
    });
    // The waiting answers land once the writes go on; the phone's are still on the phone, then sent by themselves.
    expect((await held!).status).toBe(201);
    expect(await count()).toBe(before + 1);
    await page.clock.fastForward(31_000);
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('ln-queue') ?? '[]').length === 0);
    await expect.poll(count).toBe(before + 2);
    await context.close();
  });

  it('accessible, 320 px wide, large text, and light: the first visit costs at most 20 KB', async () => {
    const { context, page } = await phone();
    await page.goto(`/s/${slug}`);
    expect(await seriousA11yProblems(page)).toEqual([]);
    await context.close();

    const overflow = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    for (const js of [true, false]) {
      const narrow = await phone({ viewport: { width: 320, height: 640 }, javaScriptEnabled: js });
      await narrow.page.goto(`/s/${slug}`);
      expect(await overflow(narrow.page)).toBeLessThanOrEqual(0);
      // Large text: twice the root font size, as a reader with "largest text" set.
      // (addStyleTag waits for an onload that never fires without JavaScript, so the tag goes in directly.)
      await narrow.page.evaluate(() => document.head.insertAdjacentHTML('beforeend', '<style>html { font-size: 200% !important; }</style>'));
      expect(await overflow(narrow.page)).toBeLessThanOrEqual(0);
      await narrow.page.locator('#f .q').first().scrollIntoViewIfNeeded();
      await screenshot(narrow.page, `form-320-large-text${js ? '' : '-nojs'}`);
      await narrow.context.close();
    }

    // First load in a fresh browser profile, compressed, as the network carries it (headers included).
    const fresh = await phone();
    const cdp = await fresh.context.newCDPSession(fresh.page);
    await cdp.send('Network.enable');
    const types = new Map<string, { type: string; url: string }>();
    const sizes: { url: string; type: string; bytes: number }[] = [];
    cdp.on('Network.responseReceived', (e) => types.set(e.requestId, { type: e.type, url: e.response.url }));
    cdp.on('Network.loadingFinished', (e) => {
      const r = types.get(e.requestId);
      if (r) sizes.push({ ...r, bytes: e.encodedDataLength });
    });
    await fresh.page.goto(`/s/${slug}`, { waitUntil: 'networkidle' });
    const form = sizes.filter((s) => ['Document', 'Stylesheet', 'Script'].includes(s.type));
    const total = form.reduce((a, s) => a + s.bytes, 0);
    console.log(`survey form first load: ${total} bytes (${(total / 1024).toFixed(1)} KB) — ${form.map((s) => `${new URL(s.url).pathname} ${s.bytes}`).join(', ')}`);
    expect(form.some((s) => s.type === 'Document')).toBe(true);
    expect(form.some((s) => s.url.endsWith('/s/assets/form.js'))).toBe(true);
    expect(total).toBeLessThanOrEqual(PAGE_WEIGHT_LIMIT);
    await fresh.context.close();
  });
});
