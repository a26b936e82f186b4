// The citizen's form: works as plain HTML, keeps answers on error, never duplicates a retried submission.
import { beforeAll, expect, it } from 'vitest';
import { forEachEngine } from '../../helpers/harness.ts';
import { loadUnitGraph } from '../../../src/db/repos/units.ts';
import { DEMO } from '../../../src/seed/demo.ts';
import { inTx } from '../../../src/db/tx.ts';
import { countedQuestions, definitionOf, storeResponses, type StoredResponse } from '../../../src/commands/surveys/submit.ts';
import { PNG } from 'pngjs';
import { createRequire } from 'node:module';

// jsqr is CommonJS with an ES-style default in its types: load it the CommonJS way.
const jsQR = createRequire(import.meta.url)('jsqr') as (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

const CRITERIA = Array.from({ length: 9 }, (_, i) => `tieu_chi_${i + 1}`);
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const URLENC = { 'content-type': 'application/x-www-form-urlencoded' };

forEachEngine('public survey form', 'demo', (h) => {
  let slug: string;
  let campaignId: number;
  const count = async () => Number((await h.database.db.selectFrom('responses').select((eb) => eb.fn.countAll().as('n')).where('campaign_id', '=', campaignId).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    const graph = await loadUnitGraph(h.database.db);
    const row = await h.database.db.selectFrom('campaign_units as cu').innerJoin('campaigns as c', 'c.id', 'cu.campaign_id')
      .select(['cu.slug', 'c.id']).where('c.state', '=', 'open').where('cu.unit_id', '=', graph.idOf(DEMO.thieuHoaCommune)!).executeTakeFirstOrThrow();
    slug = row.slug;
    campaignId = row.id;
  });

  it('serves a plain HTML form in Vietnamese, small, with every question', async () => {
    const res = await h.app.inject({ method: 'GET', url: `/s/${slug}`, headers: { 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.rawPayload.length).toBeLessThan(12 * 1024);
    const page = (await h.app.inject({ method: 'GET', url: `/s/${slug}` })).body;
    expect(page).toContain('<html lang="vi">');
    expect(page).toContain('Công an xã Thiệu Hóa');
    expect(page).toContain('Phiếu lấy ý kiến đánh giá sự hài lòng');
    expect(page.match(/type="radio" name="tieu_chi_1"/g)).toHaveLength(5);
    expect(page).toContain('Chỉ trả lời nếu «Trong năm nay, ông/bà có liên hệ làm việc với Công an không?» là «Có»');
    const en = (await h.app.inject({ method: 'GET', url: `/s/${slug}?lang=en` })).body;
    expect(en).toContain('Survey of people&#39;s satisfaction with the police');
  });

  it('returns the form with a message per question and the answers kept, then accepts it', async () => {
    const before = await count();
    const partial = { _k: 'k-1', da_lam_viec: 'khong', tieu_chi_1: '4', gop_y: '<script>alert(1)</script> Cảm ơn' };
    const bad = await h.app.inject({ method: 'POST', url: `/s/${slug}`, headers: URLENC, payload: form(partial) });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Vui lòng kiểm tra lại 7 câu trả lời');
    expect(bad.body).toContain('value="4" checked');
    expect(bad.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Cảm ơn');
    expect(bad.body).not.toContain('<script>alert(1)');
    expect(await count()).toBe(before);
    const full = { ...partial, ...Object.fromEntries(CRITERIA.map((c) => [c, '3'])) };
    const ok = await h.app.inject({ method: 'POST', url: `/s/${slug}`, headers: URLENC, payload: form(full) });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/s/${slug}/cam-on`);
    expect(await count()).toBe(before + 1);
    const again = await h.app.inject({ method: 'POST', url: `/s/${slug}`, headers: URLENC, payload: form(full) });
    expect(again.statusCode).toBe(303);
    expect(await count()).toBe(before + 1);
    const stored = await h.database.db.selectFrom('answers as a').innerJoin('responses as r', 'r.id', 'a.response_id')
      .select(['a.question_id', 'a.value']).where('r.client_key', '=', 'k-1').execute();
    expect(stored.find((a) => a.question_id === 'tieu_chi_7')).toBeUndefined();
    expect(stored.find((a) => a.question_id === 'gop_y')?.value).toBe('<script>alert(1)</script> Cảm ơn');
  });

  it('takes JSON from the offline queue: a retry with the same key is acknowledged, not duplicated', async () => {
    const before = await count();
    const body = { answers: { da_lam_viec: 'co', ...Object.fromEntries(CRITERIA.map((c) => [c, '4'])) }, clientKey: 'offline-key-7' };
    const first = await h.app.inject({ method: 'POST', url: `/s/${slug}`, payload: body });
    expect([first.statusCode, first.json()]).toEqual([201, { ok: true, duplicate: false }]);
    const retry = await h.app.inject({ method: 'POST', url: `/s/${slug}`, payload: body });
    expect([retry.statusCode, retry.json()]).toEqual([200, { ok: true, duplicate: true }]);
    expect(await count()).toBe(before + 1);
    const invalid = await h.app.inject({ method: 'POST', url: `/s/${slug}?lang=en`, payload: { answers: { da_lam_viec: 'maybe' }, clientKey: 'x' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().fields).toMatchObject({ da_lam_viec: expect.any(String), tieu_chi_1: 'Please answer this question.' });
  });

  it('counts a second answer from the same browser as a suspected duplicate, and keeps it', async () => {
    const body = (k: string) => ({ answers: { da_lam_viec: 'khong', ...Object.fromEntries(CRITERIA.map((c) => [c, '3'])) }, clientKey: k });
    const first = await h.app.inject({ method: 'POST', url: `/s/${slug}`, payload: body('dev-1') });
    const cookie = first.cookies.find((c) => c.name === 'ln_sv')!;
    await h.app.inject({ method: 'POST', url: `/s/${slug}`, payload: body('dev-2'), headers: { cookie: `ln_sv=${cookie.value}` } });
    const cu = await h.database.db.selectFrom('campaign_units').select('suspected_duplicates').where('slug', '=', slug).executeTakeFirstOrThrow();
    expect(cu.suspected_duplicates).toBe(1);
  });

  it('refuses a flood from one client (an IPv6 /64) with a clear 429 and Retry-After, counted for the unit', async () => {
    const blocked = async () => Number((await h.database.db.selectFrom('campaign_units').select('blocked_duplicates').where('slug', '=', slug).executeTakeFirstOrThrow()).blocked_duplicates);
    const before = { blocked: await blocked(), responses: await count() };
    // 120 posts from one phone in ten minutes (each from a new address of its /64, each missing its answers).
    for (let i = 1; i <= 120; i++) {
      const r = await h.app.inject({ method: 'POST', url: `/s/${slug}`, headers: URLENC, remoteAddress: `2001:db8:5:5:${i.toString(16)}::1`, payload: form({ _k: `lu-${i}` }) });
      expect(r.statusCode).toBe(400);
    }
    const full = { _k: 'lu-121', da_lam_viec: 'khong', ...Object.fromEntries(CRITERIA.map((c) => [c, '3'])) };
    const page = await h.app.inject({ method: 'POST', url: `/s/${slug}`, headers: URLENC, remoteAddress: '2001:db8:5:5:ffff::1', payload: form(full) });
    expect(page.statusCode).toBe(429);
    expect(page.body).toContain('Quá nhiều');
    expect(Number(page.headers['retry-after'])).toBeGreaterThan(500);
    const json = await h.app.inject({ method: 'POST', url: `/s/${slug}`, remoteAddress: '2001:db8:5:5::2', payload: { answers: {}, clientKey: 'lu-json' } });
    expect([json.statusCode, json.json().code]).toEqual([429, 'rate_limited']);
    expect(await blocked()).toBe(before.blocked + 2);
    expect(await count()).toBe(before.responses);
    // Another /64 is another client.
    expect((await h.app.inject({ method: 'POST', url: `/s/${slug}`, headers: URLENC, remoteAddress: '2001:db8:5:6::1', payload: form({ ...full, _k: 'lu-other' }) })).statusCode).toBe(303);
  });

  it('answers a clear page for a closed campaign, an unknown code, and an oversized body', async () => {
    const closed = await h.database.db.selectFrom('campaign_units as cu').innerJoin('campaigns as c', 'c.id', 'cu.campaign_id')
      .select('cu.slug').where('c.state', '=', 'closed').executeTakeFirstOrThrow();
    const page = await h.app.inject({ method: 'GET', url: `/s/${closed.slug}` });
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('Đợt lấy ý kiến đã kết thúc');
    const post = await h.app.inject({ method: 'POST', url: `/s/${closed.slug}`, payload: { answers: {}, clientKey: 'z' } });
    expect([post.statusCode, post.json().code]).toEqual([410, 'survey_closed']);
    expect((await h.app.inject({ method: 'GET', url: '/s/khongco1' })).statusCode).toBe(404);
    expect((await h.app.inject({ method: 'GET', url: '/s/<script>' })).statusCode).toBe(404);
    const big = await h.app.inject({ method: 'POST', url: `/s/${slug}`, headers: URLENC, payload: `gop_y=${'a'.repeat(70_000)}` });
    expect(big.statusCode).toBe(413);
  });

  it('stops taking answers the moment staff close the campaign, and takes them again once it is reopened', async () => {
    // The form's entry is kept in memory (commands/surveys/form-entries.ts): these reads fill that cache first.
    expect((await h.app.inject({ method: 'GET', url: `/s/${slug}` })).statusCode).toBe(200);
    const admin = await h.login('quantri.tinh');
    expect((await admin.post(`/api/campaigns/${campaignId}/transition`, { action: 'close' })).statusCode).toBe(200);
    try {
      expect((await h.app.inject({ method: 'GET', url: `/s/${slug}` })).statusCode).toBe(410);
      const before = await count();
      const post = await h.app.inject({ method: 'POST', url: `/s/${slug}`, payload: { answers: {}, clientKey: 'closed-1' } });
      expect([post.statusCode, post.json().code]).toEqual([410, 'survey_closed']);
      expect(await count()).toBe(before);
    } finally {
      expect((await admin.post(`/api/campaigns/${campaignId}/transition`, { action: 'reopen', reason: 'Gia hạn theo đề nghị của xã' })).statusCode).toBe(200);
    }
    expect((await h.app.inject({ method: 'GET', url: `/s/${slug}` })).statusCode).toBe(200);
  });
});

forEachEngine('survey QR codes', 'demo', (h) => {
  it('gives the form address as SVG and PNG QR codes, and 404 for an unknown code', async () => {
    const { slug } = await h.database.db.selectFrom('campaign_units').select('slug').limit(1).executeTakeFirstOrThrow();
    const svg = await h.app.inject({ method: 'GET', url: `/s/${slug}/qr.svg`, headers: { host: 'langnghe.example.vn' } });
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body.startsWith('<svg')).toBe(true);
    const png = await h.app.inject({ method: 'GET', url: `/s/${slug}/qr.png`, headers: { host: 'langnghe.example.vn' } });
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    // Read it back as a phone would: the code must carry the form's address.
    const image = PNG.sync.read(png.rawPayload);
    const decoded = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    expect(decoded?.data).toBe(`http://langnghe.example.vn/s/${slug}`);
    expect((await h.app.inject({ method: 'GET', url: '/s/khongco1/qr.svg' })).statusCode).toBe(404);
    expect((await h.app.inject({ method: 'GET', url: `/s/${slug}/qr.gif` })).statusCode).toBe(404);
  });
});

forEachEngine('survey submissions under load', 'demo', (h) => {
  it('writes concurrent submissions together, acknowledges each after commit, and never duplicates a key', async () => {
    const entries = await h.database.db.selectFrom('campaign_units as cu').innerJoin('campaigns as c', 'c.id', 'cu.campaign_id')
      .select(['cu.slug', 'c.id as campaign_id']).where('c.state', '=', 'open').limit(20).execute();
    const campaignId = entries[0]!.campaign_id;
    const count = async (table: 'responses' | 'answers') => Number((await h.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const rollup = async () => Number((await h.database.db.selectFrom('result_totals').select((eb) => eb.fn.sum('n').as('n')).where('campaign_id', '=', campaignId).executeTakeFirstOrThrow()).n);
    const [responses, totals] = [await count('responses'), await rollup()];
    const answers = { da_lam_viec: 'khong', ...Object.fromEntries(CRITERIA.map((c) => [c, '4'])) };
    // 120 requests, 100 distinct keys: every 6th repeats an earlier key, some of them in the same batch.
    const sends = Array.from({ length: 120 }, (_, i) => {
      const key = i % 6 === 5 ? `load-${i - 1}` : `load-${i}`;
      return h.app.inject({ method: 'POST', url: `/s/${entries[i % entries.length]!.slug}`, payload: { answers, clientKey: key }, remoteAddress: `10.1.${i % 250}.1` });
    });
    const results = await Promise.all(sends);
    expect(results.every((r) => r.statusCode === 201 || r.statusCode === 200)).toBe(true);
    expect(results.filter((r) => r.json().duplicate === false)).toHaveLength(100);
    expect(await count('responses')).toBe(responses + 100);
    expect(await rollup()).toBe(totals + 100);
    const orphan = await h.database.db.selectFrom('responses as r').select('r.id').where('r.client_key', 'like', 'load-%')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('answers as a').select('a.response_id').whereRef('a.response_id', '=', 'r.id')))).execute();
    expect(orphan).toEqual([]);
  });

  it('stores a batch in a few statements and gives every submission its own response back', async () => {
    const entries = await h.database.db.selectFrom('campaign_units as cu').innerJoin('campaigns as c', 'c.id', 'cu.campaign_id')
      .innerJoin('questionnaire_versions as v', 'v.id', 'c.questionnaire_version_id')
      .select(['cu.unit_id', 'c.id as campaign_id', 'v.id as version_id', 'v.definition']).where('c.state', '=', 'open').limit(7).execute();
    const e = entries[0]!;
    const form = definitionOf(e.version_id, e.definition);
    const item = (key: string, i: number): StoredResponse => {
      const answers = { da_lam_viec: 'co', ...Object.fromEntries(CRITERIA.map((c, k) => [c, String(((i + k) % 4) + 1)])), gop_y: `batch comment ${key}` };
      return { campaignId: e.campaign_id, unitId: entries[i % entries.length]!.unit_id, channel: 'web', status: 'valid', sheetId: null, clientKey: key, answers, counted: countedQuestions(form) };
    };
    const [first] = await inTx(h.database, (trx, engine) => storeResponses(trx, engine, [item('batch-0', 0)]));
    // 40 new keys, one key repeated inside the batch and one already stored.
    const batch = Array.from({ length: 40 }, (_, i) => item(`batch-${i + 1}`, i + 1));
    batch.splice(10, 0, item('batch-5', 99));
    batch.push(item('batch-0', 98));
    const out = await inTx(h.database, (trx, engine) => storeResponses(trx, engine, batch));
    expect(out).toHaveLength(42);
    expect(out[10]).toEqual({ id: (out[4] as { id: number }).id, duplicate: true });
    expect(out[41]).toEqual({ id: (first as { id: number }).id, duplicate: true });
    expect(out.filter((r) => 'id' in r && !r.duplicate)).toHaveLength(40);
    // Each id is the row of the submission it was returned for: its key, its unit and its answers.
    for (const [i, r] of out.entries()) {
      const sent = batch[i]!;
      const id = (r as { id: number }).id;
      const row = await h.database.db.selectFrom('responses').select(['client_key', 'unit_id']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.client_key).toBe(sent.clientKey);
      if ((r as { duplicate: boolean }).duplicate) continue;
      expect(row.unit_id).toBe(sent.unitId);
      const answers = await h.database.db.selectFrom('answers').select(['question_id', 'value']).where('response_id', '=', id).execute();
      expect(Object.fromEntries(answers.map((a) => [a.question_id, a.value]))).toEqual(sent.answers);
    }
  });
});
