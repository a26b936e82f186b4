// Reads an uploaded response file into a header and rows of text: CSV (UTF-8, with or without BOM, comma or
// semicolon) or the first sheet of an XLSX. Limits keep a stray file from exhausting memory.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { RowIssue } from '../errors.ts';

export const IMPORT_MAX_ROWS = 50_000;
export const IMPORT_MAX_COLUMNS = 300;

export interface ParsedFile {
  header: string[];
  rows: string[][];
}

const isXlsx = (b: Buffer) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b;

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    return '';
  }
  return String(v);
}

export async function parseResponseFile(data: Buffer | string): Promise<{ file?: ParsedFile; issues: RowIssue[] }> {
  let table: string[][];
  try {
    if (Buffer.isBuffer(data) && isXlsx(data)) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(data as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0];
      if (!sheet) return { issues: [{ line: 1, field: '', key: 'csv.empty' }] };
      if (sheet.rowCount > IMPORT_MAX_ROWS + 1) return { issues: [{ line: 1, field: '', key: 'csv.too_many_rows', params: { max: IMPORT_MAX_ROWS } }] };
      table = [];
      sheet.eachRow({ includeEmpty: true }, (row) => {
        const values = (row.values as ExcelJS.CellValue[]).slice(1);
        table.push(values.map(cellText));
      });
    } else {
      const text = Buffer.isBuffer(data) ? data.toString('utf8') : data;
      const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
      const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
      table = parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][];
    }
  } catch {
    return { issues: [{ line: 1, field: '', key: 'import.unreadable' }] };
  }
  const [header = [], ...rows] = table.map((r) => r.map((c) => c.normalize('NFC')));
  if (!header.length || !rows.length) return { issues: [{ line: 1, field: '', key: 'csv.empty' }] };
  if (rows.length > IMPORT_MAX_ROWS) return { issues: [{ line: 1, field: '', key: 'csv.too_many_rows', params: { max: IMPORT_MAX_ROWS } }] };
  if (header.length > IMPORT_MAX_COLUMNS) return { issues: [{ line: 1, field: '', key: 'import.too_many_columns', params: { max: IMPORT_MAX_COLUMNS } }] };
  const names = header.map((h, i) => h.trim() || `#${i + 1}`);
  const dup = names.find((h, i) => names.indexOf(h) !== i);
  if (dup) return { issues: [{ line: 1, field: dup, key: 'import.duplicate_column' }] };
  return { file: { header: names, rows: rows.filter((r) => r.some((c) => c.trim() !== '')) }, issues: [] };
}
