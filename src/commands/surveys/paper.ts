// Paper forms: print a batch (sheet IDs + the layout they are printed from), track it, key each sheet once
// (optionally twice, by different clerks, with disagreements resolved by a manager). Blank and spoiled
// sheets become invalid responses: counted, never dropped.
import { createHash } from 'node:crypto';
import { AppError, errors } from '../../core/errors.ts';
import { nowIso, todayVN } from '../../core/dates.ts';
import { surveyPolicy } from '../../core/policy/surveys.ts';
import { checkAnswers, type Answers, type RawAnswers } from '../../core/surveys/answers.ts';
import type { Actor } from '../../core/roles.ts';
import type { Questionnaire } from '../../core/surveys/questionnaire.ts';
import type { BatchState, KeyingStatus, ResponseChannel } from '../../db/schema.ts';
import { inTx, type Tx } from '../../db/tx.ts';
import type { Engine } from '../../db/engine.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { findCampaign, findVersion } from '../../db/repos/surveys.ts';
import { layoutPaperForm } from '../../documents/paper-form/layout.ts';
import { fontMeasure } from '../../documents/paper-form/fonts.ts';
import { isValidSheetId, newSheetId, normaliseSheetId } from '../../documents/paper-form/sheet-id.ts';
import type { CommandContext } from '../context.ts';
import { definitionOf, storeResponse } from './submit.ts';

type Ctx = CommandContext & { actor: Actor };

export const BATCH_MAX = 5000;
const BATCH_STATES: BatchState[] = ['printed', 'handed_out', 'returned', 'keyed'];

async function campaignForUnit(ctx: Ctx, campaignId: number, unitId: number, action: 'manage' | 'enter') {
  const c = await findCampaign(ctx.database.db, campaignId);
  const cu = c && (await ctx.database.db.selectFrom('campaign_units').select('id').where('campaign_id', '=', campaignId).where('unit_id', '=', unitId).executeTakeFirst());
  if (!c || !cu || !surveyPolicy.can(ctx.actor, 'read', unitId)) throw errors.notFound();
  if (!surveyPolicy.can(ctx.actor, action, unitId)) throw errors.forbidden();
  return c;
}

/** Prints nothing yet: makes the batch's sheet IDs and keeps the layout; the PDF is drawn on request. */
export async function createBatch(ctx: Ctx, campaignId: number, input: { unitId: number; count: number; note: string | null }) {
  const c = await campaignForUnit(ctx, campaignId, input.unitId, 'manage');
  if (!(JSON.parse(c.channels) as ResponseChannel[]).includes('paper')) throw errors.field('campaign', 'paper.channel_off');
  if (c.state === 'archived') throw new AppError('survey_closed');
  const version = (await findVersion(ctx.database.db, c.questionnaire_version_id))!;
  const layout = layoutPaperForm(definitionOf(version.id, version.definition), fontMeasure());
  return inTx(ctx.database, async (trx, engine) => {
    const now = nowIso();
    const { id } = await trx.insertInto('paper_batches').values({
      campaign_id: campaignId, unit_id: input.unitId, sheet_count: input.count, layout: JSON.stringify(layout), state: 'printed', note: input.note, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    let made = 0;
    while (made < input.count) {
      const ids = Array.from({ length: Math.min(500, input.count - made) }, () => newSheetId());
      // A collision (about 1 in 10^10 per pair) is skipped and made up in the next round.
      const r = await trx.insertInto('paper_sheets')
        .values(ids.map((sheet_id) => ({ sheet_id, batch_id: id, campaign_id: campaignId, unit_id: input.unitId, state: 'printed' as const, response_id: null })))
        .onConflict((oc) => oc.column('sheet_id').doNothing()).executeTakeFirst();
      made += Number(r.numInsertedOrUpdatedRows ?? 0n);
    }
    await appendAudit(trx, engine, ctx.audit, { action: 'paper.batch_create', entityType: 'paper_batch', entityId: id, unitId: input.unitId, after: { campaignId, count: input.count } });
    return { id, sheetCount: input.count };
  });
}

export async function loadBatch(ctx: Ctx, batchId: number) {
  const b = await ctx.database.db.selectFrom('paper_batches').selectAll().where('id', '=', batchId).executeTakeFirst();
  if (!b || !surveyPolicy.can(ctx.actor, 'read', b.unit_id)) throw errors.notFound();
  return b;
}

/** Records where a batch is: printed -> handed out -> returned -> keyed (forward only). */
export async function setBatchState(ctx: Ctx, batchId: number, state: BatchState) {
  const b = await loadBatch(ctx, batchId);
  if (!surveyPolicy.can(ctx.actor, 'enter', b.unit_id)) throw errors.forbidden();
  if (BATCH_STATES.indexOf(state) <= BATCH_STATES.indexOf(b.state)) throw errors.conflict('conflict', { state: { key: 'paper.state_backwards' } });
  await inTx(ctx.database, async (trx, engine) => {
    await trx.updateTable('paper_batches').set({ state, updated_at: nowIso() }).where('id', '=', batchId).execute();
    await appendAudit(trx, engine, ctx.audit, { action: 'paper.batch_state', entityType: 'paper_batch', entityId: batchId, unitId: b.unit_id, before: { state: b.state }, after: { state } });
  });
}

/** A sheet as the keying screen needs it; 404 for a mistyped, unknown or out-of-scope ID. */
export async function loadSheet(ctx: Ctx, input: string) {
  const sheetId = normaliseSheetId(input);
  if (!sheetId || !isValidSheetId(sheetId)) throw errors.field('sheetId', 'paper.bad_sheet_id');
  const sheet = await ctx.database.db.selectFrom('paper_sheets').selectAll().where('sheet_id', '=', sheetId).executeTakeFirst();
  if (!sheet || !surveyPolicy.can(ctx.actor, 'read', sheet.unit_id)) throw errors.notFound();
  const c = (await findCampaign(ctx.database.db, sheet.campaign_id))!;
  const version = (await findVersion(ctx.database.db, c.questionnaire_version_id))!;
  const keyings = await ctx.database.db.selectFrom('keyings').selectAll().where('sheet_id', '=', sheetId).orderBy('round').execute();
  return { sheet, campaign: c, form: definitionOf(version.id, version.definition), keyings };
}

/** A valid sheet's answers, checked like an online response; a blank or spoiled sheet has none. */
function keyedAnswers(form: Questionnaire, status: KeyingStatus, raw: RawAnswers): Answers {
  if (status !== 'valid') return {};
  const checked = checkAnswers(form, raw);
  if (Object.keys(checked.issues).length) throw errors.validation(checked.issues);
  return checked.answers;
}

/** Whether a sheet is keyed twice: a stable choice by its ID, at the campaign's rate. */
export function needsSecondKeying(sheetId: string, permille: number): boolean {
  if (permille <= 0) return false;
  return createHash('sha256').update(sheetId).digest().readUInt16BE(0) % 1000 < permille;
}

const canonical = (status: KeyingStatus, answers: Answers) =>
  JSON.stringify([status, Object.keys(answers).sort().map((k) => [k, Array.isArray(answers[k]) ? [...(answers[k] as string[])].sort() : answers[k]])]);

async function finish(trx: Tx, engine: Engine, s: Awaited<ReturnType<typeof loadSheet>>, status: KeyingStatus, answers: Answers) {
  const r = await storeResponse(trx, engine, {
    campaignId: s.sheet.campaign_id, unitId: s.sheet.unit_id, channel: 'paper', status: status === 'valid' ? 'valid' : 'invalid',
    sheetId: s.sheet.sheet_id, clientKey: null, answers: status === 'valid' ? answers : {}, form: s.form,
  });
  await trx.updateTable('paper_sheets').set({ state: 'keyed', response_id: r.id }).where('sheet_id', '=', s.sheet.sheet_id).execute();
  return r.id;
}

/**
 * Keys one sheet. The first keying stores the response unless the sheet is chosen for double entry; then a
 * different clerk keys it again and the response is stored only when both agree.
 */
export async function keySheet(ctx: Ctx, input: string, status: KeyingStatus, raw: RawAnswers) {
  const s = await loadSheet(ctx, input);
  if (!surveyPolicy.can(ctx.actor, 'enter', s.sheet.unit_id)) throw errors.forbidden();
  if (s.campaign.state === 'draft' || s.campaign.state === 'archived') throw new AppError('survey_closed');
  const answers = keyedAnswers(s.form, status, raw);
  return inTx(ctx.database, async (trx, engine) => {
    // Re-read inside the transaction: two clerks keying the same sheet at once cannot both win.
    const sheet = (await trx.selectFrom('paper_sheets').selectAll().where('sheet_id', '=', s.sheet.sheet_id).executeTakeFirstOrThrow());
    if (sheet.state === 'keyed') throw errors.conflict('conflict', { sheetId: { key: 'paper.already_keyed' } });
    if (sheet.state === 'disagreement') throw errors.conflict('conflict', { sheetId: { key: 'paper.needs_resolution' } });
    const round = sheet.state === 'awaiting_second' ? 2 : 1;
    const first = round === 2 ? await trx.selectFrom('keyings').selectAll().where('sheet_id', '=', sheet.sheet_id).where('round', '=', 1).executeTakeFirstOrThrow() : null;
    if (first && first.user_id === ctx.actor.userId) throw errors.conflict('conflict', { sheetId: { key: 'paper.second_clerk' } });
    await trx.insertInto('keyings').values({ sheet_id: sheet.sheet_id, round, user_id: ctx.actor.userId, status, answers: JSON.stringify(answers), created_at: nowIso() }).execute();
    let outcome: 'stored' | 'awaiting_second' | 'disagreement';
    if (round === 1 && needsSecondKeying(sheet.sheet_id, s.campaign.double_entry_permille)) {
      await trx.updateTable('paper_sheets').set({ state: 'awaiting_second' }).where('sheet_id', '=', sheet.sheet_id).execute();
      outcome = 'awaiting_second';
    } else if (first && canonical(first.status, JSON.parse(first.answers) as Answers) !== canonical(status, answers)) {
      await trx.updateTable('paper_sheets').set({ state: 'disagreement' }).where('sheet_id', '=', sheet.sheet_id).execute();
      outcome = 'disagreement';
    } else {
      await finish(trx, engine, s, status, answers);
      outcome = 'stored';
    }
    await appendAudit(trx, engine, ctx.audit, {
      action: 'paper.key', entityType: 'paper_sheet', entityId: sheet.sheet_id, unitId: sheet.unit_id, after: { round, status, outcome, on: todayVN() },
    });
    return { sheetId: sheet.sheet_id, round, outcome };
  });
}

/** A manager settles a disagreement between two keyings with the answers read from the sheet. */
export async function resolveSheet(ctx: Ctx, input: string, status: KeyingStatus, raw: RawAnswers) {
  const s = await loadSheet(ctx, input);
  if (!surveyPolicy.can(ctx.actor, 'manage', s.sheet.unit_id)) throw errors.forbidden();
  if (s.sheet.state !== 'disagreement') throw errors.conflict('conflict', { sheetId: { key: 'paper.no_disagreement' } });
  const answers = keyedAnswers(s.form, status, raw);
  return inTx(ctx.database, async (trx, engine) => {
    const r = await trx.updateTable('paper_sheets').set({ state: 'keyed' }).where('sheet_id', '=', s.sheet.sheet_id).where('state', '=', 'disagreement').executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw errors.conflict('conflict', { sheetId: { key: 'paper.no_disagreement' } });
    const responseId = await finish(trx, engine, s, status, answers);
    await appendAudit(trx, engine, ctx.audit, { action: 'paper.resolve', entityType: 'paper_sheet', entityId: s.sheet.sheet_id, unitId: s.sheet.unit_id, after: { status, responseId } });
    return { sheetId: s.sheet.sheet_id, outcome: 'stored' as const };
  });
}
