// Survey facts the journeys need, read from the database (a campaign by period, a unit's form code, how many
// responses it has), and the fixture the survey journeys start from.
import type { Browser } from 'playwright-core';
import { DEMO } from '../../src/seed/demo.ts';
import { launch } from './browser.ts';
import { startServer, type E2EServer } from './server.ts';

export async function campaignIdOf(server: E2EServer, period: string): Promise<number> {
  const row = await server.database.db.selectFrom('campaigns').select(['id']).where('period', '=', period).orderBy('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The public form's code (/s/<slug>) of a unit in a campaign. */
export async function formSlug(server: E2EServer, campaignId: number, unitId: number): Promise<string> {
  const row = await server.database.db.selectFrom('campaign_units').select(['slug'])
    .where('campaign_id', '=', campaignId).where('unit_id', '=', unitId).executeTakeFirstOrThrow();
  return row.slug;
}

export async function responseCount(server: E2EServer, campaignId: number, unitId?: number, status = 'valid'): Promise<number> {
  let q = server.database.db.selectFrom('responses').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', '=', campaignId).where('status', '=', status as 'valid');
  if (unitId !== undefined) q = q.where('unit_id', '=', unitId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** Answers that satisfy the default questionnaire (src/core/surveys/template.ts). */
export function completeAnswers(dealtWithPolice: boolean): Record<string, string> {
  const a: Record<string, string> = { da_lam_viec: dealtWithPolice ? 'co' : 'khong' };
  for (let i = 1; i <= 9; i++) if (i !== 7 || dealtWithPolice) a[`tieu_chi_${i}`] = i % 3 === 0 ? '4' : '3';
  return a;
}

/** The real server and a browser, with the demo's Xã Thiệu Hóa and its open 2026 campaign: what survey journeys start from. */
export async function openSurveyFixture(): Promise<{ server: E2EServer; browser: Browser; thieuHoa: number; c2026: number }> {
  const server = await startServer();
  const browser = await launch();
  const graph = await server.services.access.unitGraph();
  return { server, browser, thieuHoa: graph.idOf(DEMO.thieuHoaCommune)!, c2026: await campaignIdOf(server, '2026-Q4') };
}

export async function closeSurveyFixture(f: { server?: E2EServer; browser?: Browser }): Promise<void> {
  await f.browser?.close();
  await f.server?.close();
}
