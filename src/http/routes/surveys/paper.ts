// Paper forms: batches (create, PDF, state), keying of sheets (once, or twice with resolution); token cards.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../../commands/context.ts';
import { createTokenBatch, TOKEN_BATCH_MAX } from '../../../commands/surveys/tokens.ts';
import { renderTokenCards } from '../../../documents/token-cards/render.ts';
import { BATCH_MAX, createBatch, keySheet, loadBatch, loadSheet, resolveSheet, setBatchState } from '../../../commands/surveys/paper.ts';
import { loadVisibleCampaign } from '../../../commands/surveys/results.ts';
import { errors } from '../../../core/errors.ts';
import { nowIso, todayVN } from '../../../core/dates.ts';
import { surveyPolicy } from '../../../core/policy/surveys.ts';
import type { KeyingStatus } from '../../../db/schema.ts';
import { inTx } from '../../../db/tx.ts';
import { appendAudit } from '../../../db/repos/audit.ts';
import { findVersion } from '../../../db/repos/surveys.ts';
import { renderPaperForms } from '../../../documents/paper-form/render.ts';
import type { PaperLayout } from '../../../documents/paper-form/types.ts';
import { definitionOf } from '../../../commands/surveys/submit.ts';
import { parseWith } from '../../validate.ts';
import { requireActor } from '../../plugins/auth.ts';
import { Id, idOr404 } from '../units/schema.ts';

const BatchBody = z.object({ unitId: Id, count: z.number().int().min(1).max(BATCH_MAX), note: z.string().max(500).nullish() }).strict();
const StateBody = z.object({ state: z.enum(['handed_out', 'returned', 'keyed']) }).strict();
const Answer = z.union([z.string().max(2000), z.array(z.string().max(200)).max(50), z.number()]);
const KeyingBody = z.object({ status: z.enum(['valid', 'blank', 'spoiled']), answers: z.record(z.string().max(40), Answer).default({}) }).strict();
const DoubleEntryBody = z.object({ permille: z.number().int().min(0).max(1000) }).strict();
const SheetParam = z.object({ sheetId: z.string().min(1).max(20) });

const sheetParam = (params: unknown) => {
  const r = SheetParam.safeParse(params);
  if (!r.success) throw errors.notFound();
  return r.data.sheetId;
};

export function paperRoutes(app: FastifyInstance, services: AppServices) {
  app.post('/api/campaigns/:id/paper-batches', async (req, reply) => {
    const ctx = requireActor(req, services);
    const body = parseWith(BatchBody, req.body);
    const r = await createBatch(ctx, idOr404(req.params), { unitId: body.unitId, count: body.count, note: body.note ?? null });
    void reply.status(201);
    return r;
  });

  app.get('/api/campaigns/:id/paper-batches', async (req) => {
    const ctx = requireActor(req, services);
    const { campaign, visible } = await loadVisibleCampaign(services, ctx.actor, idOr404(req.params));
    const unitIds = visible.map((p) => p.unit_id);
    if (!unitIds.length) return { batches: [] };
    const batches = await services.database.db.selectFrom('paper_batches')
      .select(['id', 'unit_id', 'sheet_count', 'state', 'note', 'conference_id', 'created_at', 'updated_at'])
      .where('campaign_id', '=', campaign.id).where('unit_id', 'in', unitIds).orderBy('id', 'desc').execute();
    const counts = batches.length ? await services.database.db.selectFrom('paper_sheets')
      .select((eb) => ['batch_id', 'state', eb.fn.countAll<number>().as('n')])
      .where('batch_id', 'in', batches.map((b) => b.id)).groupBy(['batch_id', 'state']).execute() : [];
    return {
      batches: batches.map((b) => ({
        id: b.id, unitId: b.unit_id, sheetCount: b.sheet_count, state: b.state, note: b.note, conferenceId: b.conference_id, createdAt: b.created_at, updatedAt: b.updated_at,
        sheets: Object.fromEntries(counts.filter((c) => c.batch_id === b.id).map((c) => [c.state, Number(c.n)])),
      })),
    };
  });

  app.get('/api/paper-batches/:id/pdf', async (req, reply) => {
    const ctx = requireActor(req, services);
    const b = await loadBatch(ctx, idOr404(req.params));
    const campaign = (await services.database.db.selectFrom('campaigns').selectAll().where('id', '=', b.campaign_id).executeTakeFirstOrThrow());
    const version = (await findVersion(services.database.db, campaign.questionnaire_version_id))!;
    const sheets = await services.database.db.selectFrom('paper_sheets').select('sheet_id').where('batch_id', '=', b.id).orderBy('sheet_id').execute();
    const graph = await services.access.unitGraph(ctx.revision);
    const unitName = graph.nameOn(b.unit_id, todayVN())!;
    const stream = renderPaperForms(definitionOf(version.id, version.definition), JSON.parse(b.layout) as PaperLayout,
      sheets.map((s) => ({ sheetId: s.sheet_id, unitName, campaignName: campaign.name })));
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="phieu-${b.id}.pdf"`).send(stream);
  });

  app.post('/api/paper-batches/:id/state', async (req) => {
    const ctx = requireActor(req, services);
    const body = parseWith(StateBody, req.body);
    await setBatchState(ctx, idOr404(req.params), body.state);
    return { ok: true };
  });

  app.get('/api/paper-sheets/:sheetId', async (req) => {
    const ctx = requireActor(req, services);
    const s = await loadSheet(ctx, sheetParam(req.params));
    const graph = await services.access.unitGraph(ctx.revision);
    const manage = surveyPolicy.can(ctx.actor, 'manage', s.sheet.unit_id);
    return {
      sheetId: s.sheet.sheet_id, state: s.sheet.state, campaignId: s.campaign.id, campaignName: s.campaign.name,
      unitId: s.sheet.unit_id, unitName: graph.nameOn(s.sheet.unit_id, todayVN())!,
      definition: s.form,
      // Who keyed what is shown only where a manager must settle a disagreement.
      keyings: s.sheet.state === 'disagreement' && manage ? s.keyings.map((k) => ({ round: k.round, status: k.status, answers: JSON.parse(k.answers) as unknown })) : [],
      nextRound: s.sheet.state === 'awaiting_second' ? 2 : s.sheet.state === 'printed' ? 1 : null,
    };
  });

  app.post('/api/paper-sheets/:sheetId/keying', async (req) => {
    const ctx = requireActor(req, services);
    const body = parseWith(KeyingBody, req.body);
    return keySheet(ctx, sheetParam(req.params), body.status as KeyingStatus, body.answers);
  });

  app.post('/api/paper-sheets/:sheetId/resolve', async (req) => {
    const ctx = requireActor(req, services);
    const body = parseWith(KeyingBody, req.body);
    return resolveSheet(ctx, sheetParam(req.params), body.status as KeyingStatus, body.answers);
  });

  app.put('/api/campaigns/:id/double-entry', async (req) => {
    const ctx = requireActor(req, services);
    const id = idOr404(req.params);
    const body = parseWith(DoubleEntryBody, req.body);
    const { campaign, organiserVisible } = await loadVisibleCampaign(services, ctx.actor, id);
    if (!organiserVisible || !surveyPolicy.can(ctx.actor, 'manage', campaign.unit_id)) throw errors.forbidden();
    await inTx(services.database, async (trx, engine) => {
      await trx.updateTable('campaigns').set({ double_entry_permille: body.permille, updated_at: nowIso() }).where('id', '=', id).execute();
      await appendAudit(trx, engine, ctx.audit, { action: 'campaign.double_entry', entityType: 'campaign', entityId: id, unitId: campaign.unit_id, before: { permille: campaign.double_entry_permille }, after: body });
    });
    return { ok: true };
  });

  app.get('/api/campaigns/:id/disagreements', async (req) => {
    const ctx = requireActor(req, services);
    const { campaign, visible } = await loadVisibleCampaign(services, ctx.actor, idOr404(req.params));
    const unitIds = visible.map((p) => p.unit_id).filter((u) => surveyPolicy.can(ctx.actor, 'manage', u));
    if (!unitIds.length) return { sheets: [] };
    const rows = await services.database.db.selectFrom('paper_sheets').select(['sheet_id', 'unit_id'])
      .where('campaign_id', '=', campaign.id).where('state', '=', 'disagreement').where('unit_id', 'in', unitIds).orderBy('sheet_id').limit(500).execute();
    return { sheets: rows.map((r) => ({ sheetId: r.sheet_id, unitId: r.unit_id })) };
  });
}

const TokenBody = z.object({ unitId: Id, count: z.number().int().min(1).max(TOKEN_BATCH_MAX) }).strict();

/** Single-use cards: made and printed in one step (the tokens are not kept, only their hashes). */
export function tokenRoutes(app: FastifyInstance, services: AppServices, publicUrl: string | null) {
  app.post('/api/campaigns/:id/token-batches', async (req, reply) => {
    const ctx = requireActor(req, services);
    const body = parseWith(TokenBody, req.body);
    const r = await createTokenBatch(ctx, idOr404(req.params), body.unitId, body.count);
    const graph = await services.access.unitGraph();
    const unitName = graph.nameOn(body.unitId, todayVN())!;
    const base = (publicUrl ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`).replace(/\/$/, '');
    const pdf = await renderTokenCards(r.tokens.map((token) => ({ token, url: `${base}/t/${token}` })), { unitName, campaignName: r.campaignName });
    return reply.status(201).type('application/pdf').header('content-disposition', `attachment; filename="the-${r.slug}-${r.batchNo}.pdf"`).send(pdf);
  });

  app.get('/api/campaigns/:id/tokens', async (req) => {
    const ctx = requireActor(req, services);
    const { campaign, visible } = await loadVisibleCampaign(services, ctx.actor, idOr404(req.params));
    const unitIds = visible.map((p) => p.unit_id);
    if (!unitIds.length) return { units: [] };
    const rows = await services.database.db.selectFrom('survey_tokens')
      .select((eb) => ['unit_id', eb.fn.countAll<number>().as('issued'), eb.fn.count<number>('used_on').as('used')])
      .where('campaign_id', '=', campaign.id).where('unit_id', 'in', unitIds).groupBy('unit_id').execute();
    return { units: rows.map((r) => ({ unitId: r.unit_id, issued: Number(r.issued), used: Number(r.used) })) };
  });
}
