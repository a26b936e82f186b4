// Questionnaires: create with a first draft, save drafts, publish. A published version never changes;
// saving after publication makes the next draft version.
import { errors, type FieldIssue } from '../../core/errors.ts';
import { nowIso } from '../../core/dates.ts';
import { surveyPolicy } from '../../core/policy/surveys.ts';
import { checkQuestionnaire, type Questionnaire } from '../../core/surveys/questionnaire.ts';
import { inTx } from '../../db/tx.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { findQuestionnaire, findVersion } from '../../db/repos/surveys.ts';
import type { CommandContext } from '../context.ts';
import type { Actor } from '../../core/roles.ts';

type Ctx = CommandContext & { actor?: Actor };

function mustBeValid(definition: Questionnaire) {
  const issues = checkQuestionnaire(definition);
  if (Object.keys(issues).length) throw errors.validation(prefix(issues, 'definition'));
}

function prefix(issues: Record<string, FieldIssue>, p: string): Record<string, FieldIssue> {
  return Object.fromEntries(Object.entries(issues).map(([k, v]) => [`${p}.${k}`, v]));
}

function mayManage(ctx: Ctx, unitId: number) {
  if (ctx.actor && !surveyPolicy.can(ctx.actor, 'manage', unitId)) {
    throw surveyPolicy.can(ctx.actor, 'read', unitId) ? errors.forbidden() : errors.notFound();
  }
}

export async function createQuestionnaire(ctx: Ctx, input: { unitId: number; code: string; definition: Questionnaire }) {
  if (ctx.actor && !surveyPolicy.can(ctx.actor, 'manage', input.unitId)) throw errors.field('unitId', 'unit.not_found');
  mustBeValid(input.definition);
  return inTx(ctx.database, async (trx, engine) => {
    const now = nowIso();
    const exists = await trx.selectFrom('questionnaires').select('id').where('code', '=', input.code).executeTakeFirst();
    if (exists) throw errors.conflict('conflict', { code: { key: 'survey.code_taken' } });
    const { id } = await trx.insertInto('questionnaires').values({ unit_id: input.unitId, code: input.code, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    const version = await trx.insertInto('questionnaire_versions').values({
      questionnaire_id: id, version: 1, status: 'draft', title: input.definition.title.vi, definition: JSON.stringify(input.definition), created_at: now, published_at: null,
    }).returning('id').executeTakeFirstOrThrow();
    await appendAudit(trx, engine, ctx.audit, { action: 'questionnaire.create', entityType: 'questionnaire', entityId: id, unitId: input.unitId, after: { code: input.code, versionId: version.id } });
    return { id, versionId: version.id };
  });
}

/** Saves the draft: edits the latest version when it is a draft, otherwise starts the next version. */
export async function saveDraft(ctx: Ctx, questionnaireId: number, definition: Questionnaire) {
  const qn = await findQuestionnaire(ctx.database.db, questionnaireId);
  if (!qn || (ctx.actor && !surveyPolicy.can(ctx.actor, 'read', qn.unit_id))) throw errors.notFound();
  mayManage(ctx, qn.unit_id);
  mustBeValid(definition);
  return inTx(ctx.database, async (trx, engine) => {
    const now = nowIso();
    const latest = await trx.selectFrom('questionnaire_versions').selectAll().where('questionnaire_id', '=', questionnaireId).orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow();
    let versionId = latest.id;
    if (latest.status === 'draft') {
      await trx.updateTable('questionnaire_versions').set({ definition: JSON.stringify(definition), title: definition.title.vi, created_at: now }).where('id', '=', latest.id).execute();
    } else {
      versionId = (await trx.insertInto('questionnaire_versions').values({
        questionnaire_id: questionnaireId, version: latest.version + 1, status: 'draft', title: definition.title.vi, definition: JSON.stringify(definition), created_at: now, published_at: null,
      }).returning('id').executeTakeFirstOrThrow()).id;
    }
    await trx.updateTable('questionnaires').set({ updated_at: now }).where('id', '=', questionnaireId).execute();
    await appendAudit(trx, engine, ctx.audit, { action: 'questionnaire.save_draft', entityType: 'questionnaire_version', entityId: versionId, unitId: qn.unit_id });
    return { versionId };
  });
}

export async function publishVersion(ctx: Ctx, versionId: number) {
  const v = await findVersion(ctx.database.db, versionId);
  const qn = v && (await findQuestionnaire(ctx.database.db, v.questionnaire_id));
  if (!v || !qn || (ctx.actor && !surveyPolicy.can(ctx.actor, 'read', qn.unit_id))) throw errors.notFound();
  mayManage(ctx, qn.unit_id);
  if (v.status === 'published') throw errors.conflict('conflict', { status: { key: 'survey.already_published' } });
  await inTx(ctx.database, async (trx, engine) => {
    // Only a draft moves, so a concurrent publish cannot publish twice.
    const r = await trx.updateTable('questionnaire_versions').set({ status: 'published', published_at: nowIso() }).where('id', '=', versionId).where('status', '=', 'draft').executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw errors.conflict('conflict', { status: { key: 'survey.already_published' } });
    await appendAudit(trx, engine, ctx.audit, { action: 'questionnaire.publish', entityType: 'questionnaire_version', entityId: versionId, unitId: qn.unit_id, after: { version: v.version } });
  });
}

