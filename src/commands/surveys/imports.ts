// Importing responses from another tool: upload (parsed and kept), preview with suggested mapping, check, then
// import all rows or none in one transaction, with progress that the console can poll.
import { AppError, errors } from '../../core/errors.ts';
import { nowIso } from '../../core/dates.ts';
import { surveyPolicy } from '../../core/policy/surveys.ts';
import { mapRows, suggestMapping, type ImportMapping } from '../../core/surveys/import-map.ts';
import { parseResponseFile, type ParsedFile } from '../../core/surveys/import-file.ts';
import type { Actor } from '../../core/roles.ts';
import { inTx } from '../../db/tx.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { findCampaign, findVersion } from '../../db/repos/surveys.ts';
import type { CommandContext } from '../context.ts';
import { bumpResults, countedQuestions, definitionOf, storeResponses } from './submit.ts';

type Ctx = CommandContext & { actor: Actor };

/** Progress of imports running in this process (the transaction hides it from other connections until commit). */
const progress = new Map<number, { processed: number; total: number }>();
const CHUNK = 500;

async function formFor(ctx: Ctx, campaignId: number, unitId: number) {
  const c = await findCampaign(ctx.database.db, campaignId);
  const cu = c && (await ctx.database.db.selectFrom('campaign_units').select('id').where('campaign_id', '=', campaignId).where('unit_id', '=', unitId).executeTakeFirst());
  if (!c || !cu || !surveyPolicy.can(ctx.actor, 'read', unitId)) throw errors.notFound();
  if (!surveyPolicy.can(ctx.actor, 'enter', unitId)) throw errors.forbidden();
  const version = (await findVersion(ctx.database.db, c.questionnaire_version_id))!;
  return { campaign: c, form: definitionOf(version.id, version.definition) };
}

export async function uploadImport(ctx: Ctx, campaignId: number, unitId: number, filename: string | null, data: Buffer | string) {
  const { form } = await formFor(ctx, campaignId, unitId);
  const { file, issues } = await parseResponseFile(data);
  if (!file) throw new AppError('import_invalid', { rows: issues });
  const now = nowIso();
  const { id } = await ctx.database.db.insertInto('response_imports').values({
    campaign_id: campaignId, unit_id: unitId, user_id: ctx.actor.userId, filename, content: JSON.stringify(file), total: file.rows.length,
    state: 'uploaded', imported: null, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  return { id, header: file.header, total: file.rows.length, sample: file.rows.slice(0, 10), suggestion: suggestMapping(form, file.header, file.rows) };
}

async function loadImport(ctx: Ctx, id: number) {
  const imp = await ctx.database.db.selectFrom('response_imports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!imp || !surveyPolicy.can(ctx.actor, 'read', imp.unit_id)) throw errors.notFound();
  const { campaign, form } = await formFor(ctx, imp.campaign_id, imp.unit_id);
  return { imp, campaign, form };
}

/** Checks every row with the mapping; writes nothing. */
export async function checkImport(ctx: Ctx, id: number, mapping: ImportMapping) {
  const { imp, form } = await loadImport(ctx, id);
  if (imp.state !== 'uploaded') throw errors.conflict('conflict', { import: { key: 'import.already_done' } });
  const file = JSON.parse(imp.content) as ParsedFile;
  const { answers, issues } = mapRows(form, file.header, file.rows, mapping);
  return { total: file.rows.length, valid: answers.length - new Set(issues.map((i) => i.line)).size, issues };
}

/** Imports every row, or none if any is wrong; progress is readable while it runs. */
export async function runImport(ctx: Ctx, id: number, mapping: ImportMapping) {
  const { imp, campaign, form } = await loadImport(ctx, id);
  if (imp.state !== 'uploaded') throw errors.conflict('conflict', { import: { key: 'import.already_done' } });
  const file = JSON.parse(imp.content) as ParsedFile;
  const { answers, issues } = mapRows(form, file.header, file.rows, mapping);
  if (issues.length) throw new AppError('import_invalid', { rows: issues.slice(0, 500) });
  progress.set(id, { processed: 0, total: answers.length });
  try {
    await inTx(ctx.database, async (trx, engine) => {
      const claimed = await trx.updateTable('response_imports').set({ state: 'importing', updated_at: nowIso() }).where('id', '=', id).where('state', '=', 'uploaded').executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) throw errors.conflict('conflict', { import: { key: 'import.already_done' } });
      for (let i = 0; i < answers.length; i += CHUNK) {
        await storeResponses(trx, engine, answers.slice(i, i + CHUNK).map((a) => ({
          campaignId: campaign.id, unitId: imp.unit_id, channel: 'import' as const, status: 'valid' as const, sheetId: null, clientKey: null, answers: a, counted: countedQuestions(form),
        })));
        bumpResults([campaign.id]);
        progress.set(id, { processed: Math.min(i + CHUNK, answers.length), total: answers.length });
        // Let progress requests through between chunks.
        await new Promise((r) => setImmediate(r));
      }
      await trx.updateTable('response_imports').set({ state: 'done', imported: answers.length, content: '{}', updated_at: nowIso() }).where('id', '=', id).execute();
      await appendAudit(trx, engine, ctx.audit, {
        action: 'campaign.import', entityType: 'response_import', entityId: id, unitId: imp.unit_id, after: { campaignId: campaign.id, imported: answers.length, filename: imp.filename, mapping },
      });
    });
    return { imported: answers.length };
  } finally {
    progress.delete(id);
  }
}

export async function importStatus(ctx: Ctx, id: number) {
  const imp = await ctx.database.db.selectFrom('response_imports').select(['id', 'unit_id', 'state', 'total', 'imported']).where('id', '=', id).executeTakeFirst();
  if (!imp || !surveyPolicy.can(ctx.actor, 'read', imp.unit_id)) throw errors.notFound();
  const p = progress.get(id);
  return { id, state: p ? 'importing' : imp.state, total: imp.total, processed: p?.processed ?? (imp.state === 'done' ? imp.imported : 0), imported: imp.imported };
}
