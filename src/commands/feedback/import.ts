// Importing a unit's register from a CSV or XLSX file (units moving off Excel): every row is checked as an intake
// would be; a dry run answers the preview, a real run writes all rows in one transaction (each through writeIntake:
// its register number, tracking code, first step and audit event) or none, then one `feedback.import` audit event.
//
// Each item's source is {type: 'import', ref: '<file sha256, 16 hex>:<line>'}: the line is traceable to the file,
// and the same file imported twice into the same unit is refused (a double click, or a file sent twice).
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { todayVN } from '../../core/dates.ts';
import { AppError, errors, type RowIssue } from '../../core/errors.ts';
import { checkRows, FEEDBACK_IMPORT_MAX_BYTES, mapColumns, readSheet, type ImportRow } from '../../core/feedback/import-rows.ts';
import { feedbackPolicy } from '../../core/policy/feedback.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { inTx, type Q } from '../../db/tx.ts';
import type { ActorContext } from '../context.ts';
import { contentPlan, dayPlan, writeIntake, type DayPlan, type IntakeInput, type IntakePlan, type IntakeResult } from './intake.ts';

const MAX_REPORTED = 500;
const PREVIEW_ROWS = 20;

export interface ImportRequest {
  unitId: number;
  data: Buffer | string;
  filename?: string | null;
  dryRun?: boolean;
}

function inputOf(unitId: number, row: ImportRow, fileRef: string): IntakeInput {
  return {
    unitId, channel: row.channel, kind: row.kind, topicCode: row.topicCode, summary: row.summary, content: row.content,
    location: row.location, submitter: row.submitter, consents: [], receivedOn: row.receivedOn,
    source: { type: 'import', ref: `${fileRef}:${row.line}` },
  };
}

function fail(issues: RowIssue[]): never {
  const sorted = [...issues].sort((a, b) => a.line - b.line);
  throw errors.csv(sorted.slice(0, MAX_REPORTED));
}

export async function importFeedback(ctx: ActorContext, req: ImportRequest) {
  if (!feedbackPolicy.can(ctx.actor, 'read', req.unitId)) throw errors.notFound();
  if (!feedbackPolicy.can(ctx.actor, 'enter', req.unitId)) throw errors.forbidden();
  const bytes = Buffer.isBuffer(req.data) ? req.data : Buffer.from(req.data, 'utf8');
  if (bytes.length > FEEDBACK_IMPORT_MAX_BYTES) throw new AppError('payload_too_large');
  const graph = await ctx.access.unitGraph();
  const today = todayVN();
  if (!graph.versionAt(req.unitId, today)) throw errors.field('unitId', 'unit.not_found');

  const { sheet, issues: readIssues } = await readSheet(req.data);
  if (!sheet) fail(readIssues);
  const { map, issues: headerIssues } = mapColumns(sheet.rows);
  if (!map) fail(headerIssues.map((i) => (sheet.sheet ? { ...i, sheet: sheet.sheet } : i)));
  const topics = await ctx.database.db.selectFrom('feedback_topics').select(['code', 'name_vi', 'name_en']).where('active', '=', 1).execute();
  const { rows, issues } = checkRows(sheet, map, { today, topics });

  const fileRef = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const planned: { row: ImportRow; input: IntakeInput; plan: IntakePlan }[] = [];
  // The unit, the kind and the day received give the same deadlines: one dayPlan per distinct kind and day, not one
  // per row (each reads the access revision); the content is each row's own.
  const days = new Map<string, DayPlan>();
  for (const row of rows) {
    const input = inputOf(req.unitId, row, fileRef);
    const memo = `${row.kind}|${row.receivedOn ?? ''}`;
    try {
      let day = days.get(memo);
      if (!day) days.set(memo, (day = await dayPlan(ctx, input)));
      planned.push({ row, input, plan: { ...day, ...contentPlan(row.content) } });
    } catch (err) {
      if (!(err instanceof AppError) || !err.fields) throw err;
      for (const [field, issue] of Object.entries(err.fields)) {
        const column = field === 'receivedOn' ? map.names.get('received_on') : field === 'content' ? map.names.get('content') : field;
        issues.push({ line: row.line, field: column ?? field, ...issue, ...(sheet.sheet ? { sheet: sheet.sheet } : {}) });
      }
    }
  }
  if (issues.length) fail(issues);

  const columns = Object.fromEntries([...map.names].map(([field, name]) => [name, field]));
  const imported = (q: Q) =>
    q.selectFrom('feedback_items').select('id').where('unit_id', '=', req.unitId).where('source_type', '=', 'import')
      .where('source_ref', 'like', `${fileRef}:%`).limit(1).executeTakeFirst();
  if (req.dryRun) {
    return {
      dryRun: true, total: planned.length, columns, ignoredColumns: map.ignored, alreadyImported: !!(await imported(ctx.database.db)),
      preview: planned.slice(0, PREVIEW_ROWS).map(({ row }) => ({
        line: row.line, receivedOn: row.receivedOn ?? today, channel: row.channel, kind: row.kind, topicCode: row.topicCode,
        summary: row.summary, content: row.content.length > 200 ? `${row.content.slice(0, 199)}…` : row.content,
        hasSubmitter: row.submitter !== null,
      })),
    };
  }

  const already = () => errors.conflict('conflict', { file: { key: 'import.already_done' } });
  if (await imported(ctx.database.db)) throw already();

  const created = await inTx(ctx.database, async (trx, engine) => {
    if (engine === 'postgres') await sql`select pg_advisory_xact_lock(312, hashtext(${fileRef}))`.execute(trx);
    if (await imported(trx)) throw already();
    const out: (IntakeResult & { line: number })[] = [];
    for (const p of planned) out.push({ line: p.row.line, ...(await writeIntake(trx, engine, { ...ctx, actorKind: 'staff' }, p.input, p.plan, { audit: false })) });
    await appendAudit(trx, engine, ctx.audit, {
      action: 'feedback.import', entityType: 'feedback_import', entityId: fileRef, unitId: req.unitId,
      after: { count: out.length, items: out.map((o) => o.id), filename: req.filename ?? null, sha256: createHash('sha256').update(bytes).digest('hex'), sheet: sheet.sheet ?? null },
    });
    return out;
  });
  return {
    dryRun: false, imported: created.length, columns, ignoredColumns: map.ignored,
    items: created.map((c) => ({ line: c.line, id: c.id, registerYear: c.registerYear, registerNo: c.registerNo, trackingCode: c.trackingCode })),
  };
}
