// Importing a delegate list from XLSX or CSV: every row checked (core/conferences/delegate-rows.ts); a dry run
// answers the preview; a real run adds all rows in one transaction with one audit event, or none. And the template.
import ExcelJS from 'exceljs';
import { AppError, errors, type RowIssue } from '../../core/errors.ts';
import {
  CATEGORY_LABELS, checkDelegateRows, DELEGATE_CATEGORIES, DELEGATE_COLUMNS, DELEGATE_IMPORT_MAX_BYTES, mapDelegateColumns,
} from '../../core/conferences/delegate-rows.ts';
import { readSheet } from '../../core/feedback/import-rows.ts';
import { nowIso } from '../../core/dates.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { inTx } from '../../db/tx.ts';
import type { ActorContext } from '../context.ts';
import { newCheckinToken } from './delegates.ts';
import { assertNotCancelled, conferenceFor } from './shared.ts';

const MAX_REPORTED = 500;
const PREVIEW_ROWS = 20;

function fail(issues: RowIssue[]): never {
  throw errors.csv([...issues].sort((a, b) => a.line - b.line).slice(0, MAX_REPORTED));
}

/** Checks (dryRun) or imports a delegate list: all rows or none; errors are 400 csv_invalid with per-row issues. */
export async function importDelegates(ctx: ActorContext, conferenceId: number, req: { data: Buffer | string; filename?: string | null; dryRun?: boolean }) {
  const c = await conferenceFor(ctx, conferenceId, 'plan');
  assertNotCancelled(c);
  const size = Buffer.isBuffer(req.data) ? req.data.length : Buffer.byteLength(req.data);
  if (size > DELEGATE_IMPORT_MAX_BYTES) throw new AppError('payload_too_large');
  const { sheet, issues: readIssues } = await readSheet(req.data);
  if (!sheet) fail(readIssues);
  const { map, issues: headerIssues } = mapDelegateColumns(sheet.rows);
  if (!map) fail(headerIssues.map((i) => (sheet.sheet ? { ...i, sheet: sheet.sheet } : i)));
  const { rows, issues } = checkDelegateRows(sheet, map);
  if (issues.length) fail(issues);
  const columns = Object.fromEntries([...map.names].map(([field, name]) => [name, field]));
  if (req.dryRun) {
    return {
      dryRun: true, total: rows.length, columns, ignoredColumns: map.ignored,
      preview: rows.slice(0, PREVIEW_ROWS).map((r) => ({
        line: r.line, fullName: r.fullName, title: r.title, organisation: r.organisation, village: r.village, category: r.category,
        hasContact: !!(r.phone || r.email),
      })),
    };
  }
  const ids = await inTx(ctx.database, async (trx, engine) => {
    const now = nowIso();
    const out: number[] = [];
    for (const r of rows) {
      const d = await trx.insertInto('conference_delegates').values({
        conference_id: conferenceId, full_name: r.fullName, title: r.title, organisation: r.organisation, village: r.village,
        phone: r.phone, email: r.email, category: r.category, checkin_token: newCheckinToken(), checked_in_at: null,
        checkin_method: null, walk_in: 0, created_at: now, anonymised_at: null,
      }).returning('id').executeTakeFirstOrThrow();
      out.push(d.id);
    }
    await appendAudit(trx, engine, ctx.audit, {
      action: 'conference.delegate_import', entityType: 'conference', entityId: conferenceId, unitId: c.unit_id,
      after: { count: out.length, delegates: out, filename: req.filename ?? null },
    });
    return out;
  });
  return { dryRun: false, imported: ids.length, columns, ignoredColumns: map.ignored };
}

/** The import template: the columns in order, two example rows, and the groups as a drop-down list. */
export async function delegateTemplateXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Đại biểu');
  const headers = Object.values(DELEGATE_COLUMNS);
  ws.addRow(headers).font = { bold: true };
  ws.addRow(['Nguyễn Văn An', 'Trưởng thôn', 'Thôn 3', 'Thôn 3', '0912345678', '', CATEGORY_LABELS.village_head[0]]);
  ws.addRow(['Lê Thị Bình', 'Chủ tịch', 'Hội Phụ nữ xã', '', '', '', CATEGORY_LABELS.mass_org[0]]);
  ws.columns.forEach((col, i) => { col.width = i === 0 ? 28 : i === 2 ? 26 : 18; });
  // Phone numbers as text, so Excel keeps their leading 0.
  ws.getColumn(5).numFmt = '@';
  const groups = wb.addWorksheet('Thành phần');
  for (const c of DELEGATE_CATEGORIES) groups.addRow([CATEGORY_LABELS[c][0]]);
  for (let r = 2; r <= 500; r++) {
    ws.getCell(r, 7).dataValidation = { type: 'list', allowBlank: false, formulae: [`'Thành phần'!$A$1:$A$${DELEGATE_CATEGORIES.length}`] };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
