// Survey facts the journeys need, read from the database: a campaign by period, a unit's form code, how many
// responses it has.
import type { E2EServer } from './server.ts';

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
