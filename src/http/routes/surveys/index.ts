// Questionnaires, campaigns and their live results (staff API).
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../../commands/context.ts';
import { createQuestionnaire, publishVersion, saveDraft } from '../../../commands/surveys/questionnaires.ts';
import { createCampaign, setTargets, transitionCampaign } from '../../../commands/surveys/campaigns.ts';
import { campaignResults, loadVisibleCampaign, resolveFocus } from '../../../commands/surveys/results.ts';
import { breakdown } from '../../../core/surveys/breakdown.ts';
import { conditions, questionsOf } from '../../../core/surveys/questionnaire.ts';
import { describeExpr } from '../../../core/surveys/describe.ts';
import { errors } from '../../../core/errors.ts';
import { surveyPolicy } from '../../../core/policy/surveys.ts';
import { actionsFrom, type CampaignAction } from '../../../core/surveys/campaign.ts';
import { sampleSize } from '../../../core/surveys/stats.ts';
import { defaultQuestionnaire } from '../../../core/surveys/template.ts';
import type { Questionnaire } from '../../../core/surveys/questionnaire.ts';
import { breakdownRows, findQuestionnaire, findVersion, listQuestionnaires, listVisibleCampaigns, versionsOf } from '../../../db/repos/surveys.ts';
import { definitionOf } from '../../../commands/surveys/submit.ts';
import { parseWith } from '../../validate.ts';
import { requireActor } from '../../plugins/auth.ts';
import { idOr404 } from '../units/schema.ts';
import { BreakdownQuery, CreateCampaignBody, CreateQuestionnaireBody, DraftBody, ResultsQuery, SampleSizeQuery, TargetsBody, TransitionBody } from './schema.ts';


export function surveyRoutes(app: FastifyInstance, services: AppServices) {
  app.get('/api/questionnaires', async (req) => {
    const ctx = requireActor(req, services);
    const rows = await listQuestionnaires(services.database.db, surveyPolicy.unitIds(ctx.actor, 'read'));
    const byId = new Map<number, { id: number; code: string; unitId: number; versions: unknown[] }>();
    for (const r of rows) {
      const q = byId.get(r.id) ?? { id: r.id, code: r.code, unitId: r.unit_id, versions: [] };
      q.versions.push({ id: r.version_id, version: r.version, status: r.status, title: r.title, publishedAt: r.published_at });
      byId.set(r.id, q);
    }
    return { questionnaires: [...byId.values()] };
  });

  app.get('/api/questionnaires/template', async (req) => {
    requireActor(req, services);
    return defaultQuestionnaire();
  });

  app.post('/api/questionnaires', async (req, reply) => {
    const ctx = requireActor(req, services);
    const body = parseWith(CreateQuestionnaireBody, req.body);
    const r = await createQuestionnaire(ctx, { unitId: body.unitId, code: body.code, definition: (body.definition as Questionnaire | undefined) ?? defaultQuestionnaire() });
    void reply.status(201);
    return r;
  });

  app.get('/api/questionnaires/:id', async (req) => {
    const ctx = requireActor(req, services);
    const qn = await findQuestionnaire(services.database.db, idOr404(req.params));
    if (!qn || !surveyPolicy.can(ctx.actor, 'read', qn.unit_id)) throw errors.notFound();
    const versions = await versionsOf(services.database.db, qn.id);
    return {
      id: qn.id, code: qn.code, unitId: qn.unit_id, allowed: surveyPolicy.allowed(ctx.actor, qn.unit_id),
      versions: versions.map((v) => {
        const definition = JSON.parse(v.definition) as Questionnaire;
        // Conditions in words, as the paper form and the no-JavaScript page print them.
        const conditionsInWords = Object.fromEntries([...conditions(definition)].map(([id, e]) => [id, { vi: describeExpr(definition, e, 'vi'), en: describeExpr(definition, e, 'en') }]));
        return { id: v.id, version: v.version, status: v.status, title: v.title, publishedAt: v.published_at, definition, conditionsInWords };
      }),
    };
  });

  app.put('/api/questionnaires/:id/draft', async (req) => {
    const ctx = requireActor(req, services);
    const id = idOr404(req.params);
    const body = parseWith(DraftBody, req.body);
    return saveDraft(ctx, id, body.definition as Questionnaire);
  });

  app.post('/api/questionnaire-versions/:id/publish', async (req) => {
    const ctx = requireActor(req, services);
    await publishVersion(ctx, idOr404(req.params));
    return { ok: true };
  });

  app.get('/api/campaigns', async (req) => {
    const ctx = requireActor(req, services);
    const rows = await listVisibleCampaigns(services.database.db, surveyPolicy.unitIds(ctx.actor, 'read'));
    const graph = await services.access.unitGraph(ctx.revision);
    return {
      campaigns: rows.map((c) => ({
        id: c.id, name: c.name, period: c.period, state: c.state, unitId: c.unit_id, opensOn: c.opens_on, closesOn: c.closes_on, mode: c.mode,
        unitName: graph.structuralVersion(c.unit_id, c.opens_on)?.name ?? null,
      })),
    };
  });

  app.post('/api/campaigns', async (req, reply) => {
    const ctx = requireActor(req, services);
    const body = parseWith(CreateCampaignBody, req.body);
    const r = await createCampaign(ctx, body);
    void reply.status(201);
    return r;
  });

  app.get('/api/campaigns/:id', async (req) => {
    const ctx = requireActor(req, services);
    const { campaign: c, visible, organiserVisible } = await loadVisibleCampaign(services, ctx.actor, idOr404(req.params));
    const graph = await services.access.unitGraph(ctx.revision);
    const manage = organiserVisible && surveyPolicy.can(ctx.actor, 'manage', c.unit_id);
    return {
      id: c.id, name: c.name, period: c.period, state: c.state, unitId: c.unit_id, questionnaireVersionId: c.questionnaire_version_id,
      opensOn: c.opens_on, closesOn: c.closes_on, mode: c.mode, channels: JSON.parse(c.channels) as string[],
      marginPermille: c.margin_permille, minCell: c.min_cell, previousCampaignId: c.previous_campaign_id, doubleEntryPermille: c.double_entry_permille,
      actions: manage ? actionsFrom(c.state) : [],
      /** What the actor may do with the campaign as a whole (targets, double entry), whatever its state. */
      allowed: organiserVisible ? surveyPolicy.allowed(ctx.actor, c.unit_id) : [],
      participants: visible.map((p) => ({
        unitId: p.unit_id, name: graph.structuralVersion(p.unit_id, c.opens_on)?.name ?? null, slug: p.slug, formPath: `/s/${p.slug}`,
        population: p.population, target: p.target, suspectedDuplicates: p.suspected_duplicates, blockedDuplicates: p.blocked_duplicates,
      })),
    };
  });

  // The campaign's questions for anyone taking part in it (a commune clerk mapping an import, a breakdown),
  // even when the questionnaire belongs to a unit above them: the public form shows the same.
  app.get('/api/campaigns/:id/questionnaire', async (req) => {
    const ctx = requireActor(req, services);
    const { campaign } = await loadVisibleCampaign(services, ctx.actor, idOr404(req.params));
    const version = (await findVersion(services.database.db, campaign.questionnaire_version_id))!;
    return { versionId: version.id, version: version.version, definition: definitionOf(version.id, version.definition) };
  });

  app.post('/api/campaigns/:id/transition', async (req) => {
    const ctx = requireActor(req, services);
    const id = idOr404(req.params);
    const body = parseWith(TransitionBody, req.body);
    return transitionCampaign(ctx, id, body.action as CampaignAction, body.reason ?? null);
  });

  app.put('/api/campaigns/:id/targets', async (req) => {
    const ctx = requireActor(req, services);
    const id = idOr404(req.params);
    const body = parseWith(TargetsBody, req.body);
    await setTargets(ctx, id, body.units);
    return { ok: true };
  });

  app.get('/api/campaigns/:id/results', async (req) => {
    const ctx = requireActor(req, services);
    const id = idOr404(req.params);
    const q = parseWith(ResultsQuery, req.query);
    return campaignResults(services, ctx.actor, id, q.unit, ctx.revision);
  });

  app.get('/api/campaigns/:id/breakdown', async (req) => {
    const ctx = requireActor(req, services);
    const id = idOr404(req.params);
    const q = parseWith(BreakdownQuery, req.query);
    const f = await resolveFocus(services, ctx.actor, id, q.unit);
    const question = questionsOf(f.form).find((x) => x.id === q.by && x.demographic && x.type === 'single');
    if (!question) throw errors.field('by', 'survey.not_demographic');
    const criteria = questionsOf(f.form).filter((x) => x.type === 'rating').map((x) => x.id);
    const rows = await breakdownRows(services.database.db, id, [...f.inFocus], q.by, criteria);
    return {
      by: { id: question.id, label: question.label }, minCell: f.campaign.min_cell, focus: { unitId: f.focus, name: f.nameOf(f.focus) },
      groups: breakdown(f.form, q.by, f.campaign.min_cell, rows.sizes.map((s) => ({ group: s.group, n: Number(s.n) })), rows.counts.map((c) => ({ ...c, n: Number(c.n) }))),
    };
  });

  app.get('/api/sample-size', async (req) => {
    requireActor(req, services);
    const q = parseWith(SampleSizeQuery, req.query);
    return { population: q.population, margin: q.margin, sampleSize: sampleSize(q.population, q.margin) };
  });
}
