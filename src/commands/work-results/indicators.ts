// The indicator list: one national list (the default ships with migration 011). Only an administrator of the root
// unit changes it, as with feedback topics: a commune's admin must not rename what every province reports.
// Codes never change and indicators are retired, never deleted, so past figures and reports keep their meaning.
import { errors } from '../../core/errors.ts';
import { INDICATOR_GROUPS } from '../../core/work-results/indicators.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { inTx } from '../../db/tx.ts';
import type { ActorContext } from '../context.ts';
import { loadIndicators, type IndicatorRow } from './common.ts';

export interface IndicatorInput {
  code?: string;
  nameVi?: string;
  nameEn?: string;
  measure?: string;
  group?: string;
  sort?: number;
  active?: boolean;
}

const clean = (s: string | undefined) => s?.normalize('NFC').replace(/\s+/g, ' ').trim();

function present(r: IndicatorRow) {
  return { id: r.id, code: r.code, nameVi: r.name_vi, nameEn: r.name_en, measure: r.measure, group: r.group, sort: r.sort, active: r.active === 1 };
}

/** True when the actor may change the indicator list. */
export function canConfigureIndicators(ctx: ActorContext): boolean {
  return ctx.actor.rootAdmin;
}

/** The indicators (retired ones only when asked), the groups, and whether the actor may change them. */
export async function listIndicators(ctx: ActorContext, includeRetired: boolean) {
  const rows = await loadIndicators(ctx.database.db);
  return { canEdit: canConfigureIndicators(ctx), groups: INDICATOR_GROUPS, indicators: rows.filter((r) => includeRetired || r.active === 1).map(present) };
}

function required(name: string, v: string | undefined): string {
  const s = clean(v);
  if (!s) throw errors.field(name, 'validation.required');
  return s;
}

/** Adds an indicator at the end of the list (or at `sort`). */
export async function createIndicator(ctx: ActorContext, input: IndicatorInput & { code: string }) {
  if (!canConfigureIndicators(ctx)) throw errors.forbidden();
  const row = {
    code: input.code, name_vi: required('nameVi', input.nameVi), name_en: required('nameEn', input.nameEn),
    measure: required('measure', input.measure), group: input.group ?? 'crime',
  };
  return inTx(ctx.database, async (trx, engine) => {
    const exists = await trx.selectFrom('work_indicators').select('id').where('code', '=', row.code).executeTakeFirst();
    if (exists) throw errors.conflict('duplicate_code', { code: { key: 'work_results.indicator_code_taken' } });
    const last = await trx.selectFrom('work_indicators').select((eb) => eb.fn.max('sort').as('m')).executeTakeFirst();
    const sort = input.sort ?? Number(last?.m ?? 0) + 10;
    const created = await trx.insertInto('work_indicators').values({ ...row, sort, active: 1 }).returning('id').executeTakeFirstOrThrow();
    await appendAudit(trx, engine, ctx.audit, {
      action: 'work_results.indicator_create', entityType: 'work_indicator', entityId: created.id, unitId: null, after: { ...row, sort },
    });
    return present({ id: created.id, ...row, sort, active: 1 });
  });
}

/** Renames, regroups, re-sorts, retires or restores an indicator. */
export async function updateIndicator(ctx: ActorContext, id: number, input: IndicatorInput) {
  if (!canConfigureIndicators(ctx)) throw errors.forbidden();
  const old = await ctx.database.db.selectFrom('work_indicators').selectAll().where('id', '=', id).executeTakeFirst();
  if (!old) throw errors.notFound();
  const set: Partial<Omit<IndicatorRow, 'id' | 'code'>> = {};
  if (input.nameVi !== undefined) set.name_vi = required('nameVi', input.nameVi);
  if (input.nameEn !== undefined) set.name_en = required('nameEn', input.nameEn);
  if (input.measure !== undefined) set.measure = required('measure', input.measure);
  if (input.group !== undefined) set.group = input.group;
  if (input.sort !== undefined) set.sort = input.sort;
  if (input.active !== undefined) set.active = input.active ? 1 : 0;
  const changed = Object.fromEntries(Object.entries(set).filter(([k, v]) => old[k as keyof IndicatorRow] !== v));
  if (!Object.keys(changed).length) return present(old);
  await inTx(ctx.database, async (trx, engine) => {
    await trx.updateTable('work_indicators').set(changed).where('id', '=', id).execute();
    await appendAudit(trx, engine, ctx.audit, {
      action: 'work_results.indicator_update', entityType: 'work_indicator', entityId: id, unitId: null,
      before: Object.fromEntries(Object.keys(changed).map((k) => [k, old[k as keyof IndicatorRow]])), after: changed,
    });
  });
  return present({ ...old, ...changed });
}
