// XLSForm in and out: a spreadsheet from ODK/KoboToolbox becomes a questionnaire (or its next draft); any
// version goes out as a spreadsheet those tools open. Problems come back by sheet, row and column.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../../commands/context.ts';
import { createQuestionnaire, saveDraft } from '../../../commands/surveys/questionnaires.ts';
import { AppError, errors } from '../../../core/errors.ts';
import { surveyPolicy } from '../../../core/policy/surveys.ts';
import { exportXlsForm, importXlsForm, type XlsIssue } from '../../../core/surveys/xlsform.ts';
import type { Questionnaire } from '../../../core/surveys/questionnaire.ts';
import { t } from '../../../i18n/index.ts';
import { findQuestionnaire, findVersion } from '../../../db/repos/surveys.ts';
import { parseWith } from '../../validate.ts';
import { requireActor } from '../../plugins/auth.ts';
import { Id, IdParam } from '../units/schema.ts';
import { XLSX_TYPE } from '../../content-types.ts';

export const XLSX_BODY_LIMIT = 5 * 1024 * 1024;
const ImportQuery = z.object({
  unitId: z.coerce.number().pipe(Id).optional(),
  code: z.string().trim().regex(/^[A-Za-z0-9._-]{2,40}$/, { message: 'key:survey.code_format' }).optional(),
  questionnaireId: z.coerce.number().pipe(Id).optional(),
  lang: z.string().optional(),
});

const asRows = (issues: XlsIssue[]) => issues.map((i) => ({ sheet: i.sheet, line: i.row, field: i.column ?? '', key: i.key, params: i.params }));

export function xlsformRoutes(app: FastifyInstance, services: AppServices) {
  app.post('/api/questionnaires/xlsform', { bodyLimit: XLSX_BODY_LIMIT }, async (req, reply) => {
    const ctx = requireActor(req, services);
    const q = parseWith(ImportQuery, req.query);
    if (!Buffer.isBuffer(req.body)) throw errors.field('file', 'xlsform.not_xlsx');
    if (!q.questionnaireId && (!q.unitId || !q.code)) throw errors.validation({ ...(q.unitId ? {} : { unitId: { key: 'validation.required' } }), ...(q.code ? {} : { code: { key: 'validation.required' } }) });
    const result = await importXlsForm(req.body);
    if (!result.questionnaire) throw new AppError('xlsform_invalid', { rows: asRows(result.issues) });
    const warnings = asRows(result.warnings).map((w) => ({ sheet: w.sheet, line: w.line, field: w.field, message: t(req.lang, w.key, w.params) }));
    if (q.questionnaireId) {
      const r = await saveDraft(ctx, q.questionnaireId, result.questionnaire);
      return { questionnaireId: q.questionnaireId, ...r, warnings };
    }
    const r = await createQuestionnaire(ctx, { unitId: q.unitId!, code: q.code!, definition: result.questionnaire });
    void reply.status(201);
    return { questionnaireId: r.id, versionId: r.versionId, warnings };
  });

  app.get('/api/questionnaire-versions/:id/xlsform', async (req, reply) => {
    const ctx = requireActor(req, services);
    const p = IdParam.safeParse(req.params);
    const v = p.success ? await findVersion(services.database.db, p.data.id) : undefined;
    const qn = v && (await findQuestionnaire(services.database.db, v.questionnaire_id));
    if (!v || !qn || !surveyPolicy.can(ctx.actor, 'read', qn.unit_id)) throw errors.notFound();
    const buffer = await exportXlsForm(JSON.parse(v.definition) as Questionnaire);
    return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="${qn.code}-v${v.version}.xlsx"`).send(buffer);
  });
}
