// Public submissions while too many already wait to be written (a flood, or an import holding the write lock): a
// clear 503 with Retry-After, the form back with what was typed, nothing of it stored; the waiting ones land.
import { beforeAll, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { forEachEngine } from '../helpers/harness.ts';
import { holdingWrites } from '../helpers/hold-writes.ts';
import { loadUnitGraph } from '../../src/db/repos/units.ts';
import { DEMO } from '../../src/seed/demo.ts';
import { t } from '../../src/i18n/index.ts';

// Read when the app's committers are made (db/group-commit.ts); this file runs in a process of its own.
process.env.LANGNGHE_MAX_WAITING_WRITES = '2';

const URLENC = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let ipSeq = 1;
const newIp = () => `10.77.0.${ipSeq++}`;

/** A public form refused for now: 503, Retry-After, the message, and what was typed, given back. */
function expectRefusedForm(res: LightMyRequestResponse, kept: string[]) {
  expect(res.statusCode).toBe(503);
  expect(res.headers['retry-after']).toBe('5');
  expect(res.body).toContain(t('vi', 'errors.overloaded'));
  for (const k of kept) expect(res.body).toContain(k);
}

forEachEngine('submissions refused while too many wait to be written', 'demo', (h) => {
  let unitUrl: string;
  let slug: string;
  beforeAll(async () => {
    const graph = await loadUnitGraph(h.database.db);
    unitUrl = `/y/${DEMO.thieuHoaCommune}`;
    slug = (await h.database.db.selectFrom('campaign_units as cu').innerJoin('campaigns as c', 'c.id', 'cu.campaign_id').select('cu.slug')
      .where('c.state', '=', 'open').where('cu.unit_id', '=', graph.idOf(DEMO.thieuHoaCommune)!).executeTakeFirstOrThrow()).slug;
  });
  const items = async (like: string) => Number((await h.database.db.selectFrom('feedback_items').select((eb) => eb.fn.countAll().as('n'))
    .where('content', 'like', like).executeTakeFirstOrThrow()).n);
  const responses = async (key: string) => Number((await h.database.db.selectFrom('responses').select((eb) => eb.fn.countAll().as('n'))
    .where('client_key', 'like', key).executeTakeFirstOrThrow()).n);

  it('the feedback form: 503 and Retry-After, the form back with what was typed; the two waiting land afterwards', async () => {
    let waiting: Promise<LightMyRequestResponse>[] = [];
    await holdingWrites(h.database, async () => {
      waiting = [1, 2].map((i) => h.app.inject({ method: 'POST', url: unitUrl, headers: URLENC, remoteAddress: newIp(), payload: form({ kind: 'suggestion', content: `Chờ ghi ${i}` }) }));
      await sleep(300);
      const refused = await h.app.inject({
        method: 'POST', url: unitUrl, headers: URLENC, remoteAddress: newIp(),
        payload: form({ kind: 'request', content: 'Quá tải <b>đèn</b> đường', location: 'Thôn 9', fullName: 'Lê Văn Tải' }),
      });
      expectRefusedForm(refused, ['Quá tải &lt;b&gt;đèn&lt;/b&gt; đường</textarea>', 'value="Thôn 9"', 'value="Lê Văn Tải"', 'value="request" checked']);
      const json = await h.app.inject({ method: 'POST', url: `${unitUrl}?lang=en`, remoteAddress: newIp(), payload: { kind: 'request', content: 'Quá tải JSON' } });
      expect([json.statusCode, json.headers['retry-after'], json.json().code, json.json().message]).toEqual([503, '5', 'overloaded', t('en', 'errors.overloaded')]);
    });
    expect((await Promise.all(waiting)).map((r) => r.statusCode)).toEqual([303, 303]);
    expect(await items('Chờ ghi %')).toBe(2);
    expect(await items('Quá tải%')).toBe(0);
    // The bound is free again.
    const after = await h.app.inject({ method: 'POST', url: unitUrl, headers: URLENC, remoteAddress: newIp(), payload: form({ kind: 'suggestion', content: 'Quá tải đã qua' }) });
    expect(after.statusCode).toBe(303);
  });

  it('the survey form: 503 and Retry-After, the answers kept; JSON from the page\'s script is told to send again', async () => {
    const answers = { da_lam_viec: 'khong', ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`tieu_chi_${i + 1}`, '4'])), gop_y: 'Góp ý <i>chờ</i>' };
    let waiting: Promise<LightMyRequestResponse>[] = [];
    await holdingWrites(h.database, async () => {
      waiting = [1, 2].map((i) => h.app.inject({ method: 'POST', url: `/s/${slug}`, headers: URLENC, remoteAddress: newIp(), payload: form({ ...answers, _k: `qt-cho-${i}` }) }));
      await sleep(300);
      const refused = await h.app.inject({ method: 'POST', url: `/s/${slug}`, headers: URLENC, remoteAddress: newIp(), payload: form({ ...answers, _k: 'qt-tu-choi' }) });
      expectRefusedForm(refused, ['value="4" checked', 'Góp ý &lt;i&gt;chờ&lt;/i&gt;', 'name="_k" value="qt-tu-choi"']);
      const json = await h.app.inject({ method: 'POST', url: `/s/${slug}`, remoteAddress: newIp(), payload: { answers, clientKey: 'qt-json' } });
      expect([json.statusCode, json.headers['retry-after'], json.json().code]).toEqual([503, '5', 'overloaded']);
    });
    expect((await Promise.all(waiting)).map((r) => r.statusCode)).toEqual([303, 303]);
    expect(await responses('qt-cho-%')).toBe(2);
    expect(await responses('qt-tu-choi')).toBe(0);
    expect(await responses('qt-json')).toBe(0);
  });
});
