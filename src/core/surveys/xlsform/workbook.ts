// Reading an .xlsx into plain tables of trimmed NFC text, after checking the zip's declared sizes so that a
// small upload cannot unpack into gigabytes (exceljs inflates everything in memory).
import ExcelJS from 'exceljs';
import { LIMITS, splitHeader, type XlsIssue } from './convention.ts';

export interface Column {
  /** 1-based spreadsheet column. */
  index: number;
  header: string;
  base: string;
  lang?: string;
}

export interface Row {
  row: number;
  cells: Map<number, string>;
}

export interface Table {
  name: string;
  columns: Column[];
  rows: Row[];
}

/** Checks the zip container without inflating it: size, entry count and declared uncompressed sizes. */
function checkZip(buf: Buffer): XlsIssue | undefined {
  const file = (key: string, params?: XlsIssue['params']): XlsIssue => ({ sheet: '', row: 0, key, ...(params ? { params } : {}) });
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0) return file('xlsform.old_xls');
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) return file('xlsform.not_xlsx');
  if (buf.length > LIMITS.fileBytes) return file('xlsform.too_large', { max: LIMITS.fileBytes / 1024 / 1024 });
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) return file('xlsform.not_xlsx');
  const entries = buf.readUInt16LE(eocd + 10);
  if (entries > LIMITS.zipEntries) return file('xlsform.too_large', { max: LIMITS.unzippedBytes / 1024 / 1024 });
  let at = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return file('xlsform.not_xlsx');
    const size = buf.readUInt32LE(at + 24);
    total += size;
    // 0xFFFFFFFF means a zip64 size: far beyond any questionnaire.
    if (size === 0xffffffff || total > LIMITS.unzippedBytes) return file('xlsform.too_large', { max: LIMITS.unzippedBytes / 1024 / 1024 });
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return undefined;
}

/** A cell's value as text: numbers and booleans as written, rich text joined, formulas by their result. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.normalize('NFC').trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((r) => r.text).join('').normalize('NFC').trim();
  if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
  if ('text' in v) return cellText((v as { text: ExcelJS.CellValue }).text);
  return '';
}

function toTable(ws: ExcelJS.Worksheet): Table {
  const columns: Column[] = [];
  const rows: Row[] = [];
  ws.eachRow({ includeEmpty: false }, (r, n) => {
    const cells = new Map<number, string>();
    r.eachCell({ includeEmpty: false }, (c, col) => {
      const text = cellText(c.value);
      if (text) cells.set(col, text);
    });
    if (n === 1) {
      for (const [index, header] of cells) columns.push({ index, header, ...splitHeader(header) });
    } else if (cells.size) {
      rows.push({ row: n, cells });
    }
  });
  columns.sort((a, b) => a.index - b.index);
  return { name: ws.name, columns, rows };
}

/** Loads the workbook's sheets by lower-cased name, or the one issue that makes the file unreadable. */
export async function readWorkbook(buf: Buffer): Promise<{ sheets?: Map<string, ExcelJS.Worksheet>; issue?: XlsIssue }> {
  const bad = checkZip(buf);
  if (bad) return { issue: bad };
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer (an ArrayBuffer); it accepts Node's Buffer at run time.
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    return { issue: { sheet: '', row: 0, key: 'xlsform.not_xlsx' } };
  }
  const sheets = new Map<string, ExcelJS.Worksheet>();
  for (const ws of wb.worksheets) if (!sheets.has(ws.name.trim().toLowerCase())) sheets.set(ws.name.trim().toLowerCase(), ws);
  return { sheets };
}

/** Turns a sheet into a table unless it has more than `max` data rows. */
export function readTable(ws: ExcelJS.Worksheet, max: number): { table?: Table; issue?: XlsIssue } {
  if (ws.actualRowCount - 1 > max) return { issue: { sheet: ws.name, row: max + 2, key: 'xlsform.too_many_rows', params: { max } } };
  return { table: toTable(ws) };
}
