// Importing a register kept in Excel (pure, no database): reading the sheet (CSV or the first XLSX sheet) with
// line numbers, recognising columns by their Vietnamese or English names (with or without diacritics), and checking
// every row into an intake: the date received (dd/MM/yyyy, ISO or an Excel date), the channel, the kind, the
// topic, the content and the person. Every problem is reported with its line and column; nothing is guessed.
//
// Decisions:
// - A title block above the header is skipped: the header is the first of the first 10 rows naming a content column.
// - Columns we do not know are ignored and listed (a register often has STT, Ghi chú, Kết quả...).
// - Kind blank: góp ý (suggestion); the officer reclassifies. Channel blank: 'import' (came from a file).
// - Date column present but cell blank: an error (a past register must keep its dates); no date column: today.
// - No consent is recorded for imported people: nobody asked them, so they get no notices.
// - A phone stored by Excel as a number loses its leading 0: nine digits get it back (912345678 -> 0912345678).
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FeedbackChannel, FeedbackKind } from '../../db/schema.ts';
import { isIsoDate, parseDate } from '../dates.ts';
import type { RowIssue } from '../errors.ts';
import { foldVi } from './normalize.ts';

export const FEEDBACK_IMPORT_MAX_ROWS = 5000;
export const FEEDBACK_IMPORT_MAX_BYTES = 5 * 1024 * 1024;
const HEADER_SCAN_ROWS = 10;
const MAX_COLUMNS = 100;

export type ImportField =
  | 'received_on' | 'channel' | 'kind' | 'topic' | 'summary' | 'content' | 'location'
  | 'full_name' | 'phone' | 'email' | 'address' | 'role_title' | 'organisation';

/** The Vietnamese column names, used when a column is missing (the file has no header of its own to name). */
export const FIELD_LABELS: Readonly<Record<ImportField, string>> = {
  received_on: 'Ngày tiếp nhận', channel: 'Kênh', kind: 'Loại', topic: 'Lĩnh vực', summary: 'Tóm tắt', content: 'Nội dung',
  location: 'Địa điểm', full_name: 'Họ tên', phone: 'Điện thoại', email: 'Email', address: 'Địa chỉ', role_title: 'Chức vụ',
  organisation: 'Đơn vị/tổ chức',
};

const HEADER_ALIASES: Readonly<Record<ImportField, readonly string[]>> = {
  received_on: ['Ngày tiếp nhận', 'Ngày nhận', 'Ngày', 'Ngày tháng', 'Ngày tiếp nhận (dd/MM/yyyy)', 'received_on', 'received on', 'received', 'date'],
  channel: ['Kênh', 'Kênh tiếp nhận', 'Hình thức', 'Hình thức tiếp nhận', 'Nguồn', 'channel'],
  kind: ['Loại', 'Loại ý kiến', 'Phân loại', 'Tính chất', 'kind', 'type'],
  topic: ['Lĩnh vực', 'Chủ đề', 'topic', 'topic_code'],
  summary: ['Tóm tắt', 'Trích yếu', 'summary'],
  content: ['Nội dung', 'Nội dung ý kiến', 'Nội dung phản ánh', 'Nội dung góp ý', 'Nội dung phản ánh, kiến nghị', 'content'],
  location: ['Địa điểm', 'Nơi xảy ra', 'Địa bàn', 'location'],
  full_name: ['Họ tên', 'Họ và tên', 'Người gửi', 'Người phản ánh', 'Tên người gửi', 'full_name', 'full name', 'name'],
  phone: ['Điện thoại', 'Số điện thoại', 'SĐT', 'Điện thoại liên hệ', 'phone', 'telephone'],
  email: ['Email', 'E-mail', 'Thư điện tử', 'email'],
  address: ['Địa chỉ', 'Địa chỉ liên hệ', 'address'],
  role_title: ['Chức vụ', 'role_title', 'role', 'position'],
  organisation: ['Đơn vị/tổ chức', 'Đơn vị, tổ chức', 'Đơn vị', 'Tổ chức', 'Cơ quan', 'Cơ quan, đơn vị', 'organisation', 'organization'],
};
/** Row numbers and the like: known, not imported, not worth a mention. */
const SILENT = ['STT', 'TT', 'Số TT', 'Số thứ tự', 'No', 'No.', '#'];

const CHANNEL_ALIASES: Readonly<Record<FeedbackChannel, readonly string[]>> = {
  hotline: ['hotline', 'đường dây nóng', 'điện thoại', 'gọi điện', 'qua điện thoại', 'telephone', 'phone'],
  letter: ['thư', 'thư tay', 'đơn', 'đơn thư', 'bưu điện', 'bưu chính', 'văn bản', 'công văn', 'thư điện tử', 'email', 'e-mail', 'letter', 'mail'],
  walk_in: ['trực tiếp', 'tiếp dân', 'tiếp công dân', 'đến trực tiếp', 'walk_in', 'walk in', 'in person'],
  suggestion_box: ['hòm thư', 'hòm thư góp ý', 'hộp thư', 'hộp thư góp ý', 'suggestion_box', 'suggestion box', 'box'],
  conference: ['hội nghị', 'hội nghị đối thoại', 'đối thoại', 'tiếp xúc cử tri', 'họp dân', 'conference', 'meeting'],
  web: ['web', 'website', 'trang web', 'trang thông tin điện tử', 'cổng thông tin', 'cổng thông tin điện tử', 'trực tuyến', 'online'],
  qr: ['qr', 'mã qr', 'quét mã qr', 'qr code'],
  survey: ['khảo sát', 'phiếu khảo sát', 'survey'],
  import: ['khác', 'không rõ', 'other', 'import'],
  partner: ['partner', 'đối tác'],
};

const KIND_ALIASES: Readonly<Record<FeedbackKind, readonly string[]>> = {
  suggestion: ['góp ý', 'ý kiến', 'suggestion'],
  report: ['phản ánh', 'report'],
  request: ['kiến nghị', 'đề nghị', 'đề xuất', 'request'],
  praise: ['khen ngợi', 'khen', 'biểu dương', 'cảm ơn', 'praise'],
  complaint: ['khiếu nại', 'complaint'],
  denunciation: ['tố cáo', 'denunciation'],
  crime_report: ['tố giác', 'tố giác tội phạm', 'tin báo', 'tin báo tội phạm', 'crime_report', 'crime report'],
};

/** The comparison form of a name or value: no marks, lower case, no stars, `_`/`-` as spaces, single spaces. */
export function importKey(s: string): string {
  return foldVi(s.replace(/\*/g, ' ').replace(/[_-]+/g, ' ')).replace(/\s*([/,])\s*/g, '$1').replace(/[:.]+$/, '').trim();
}

/** Every alias of every value (and the value itself), by its import key: how a header or a label is recognised. */
export function aliasIndex<T extends string>(aliases: Readonly<Record<T, readonly string[]>>): Map<string, T> {
  const m = new Map<string, T>();
  for (const [value, names] of Object.entries(aliases) as [T, readonly string[]][]) {
    m.set(importKey(value), value);
    for (const n of names) m.set(importKey(n), value);
  }
  return m;
}
const HEADERS = aliasIndex(HEADER_ALIASES);
const SILENT_KEYS = new Set(SILENT.map(importKey));
const CHANNELS = aliasIndex(CHANNEL_ALIASES);
const KINDS = aliasIndex(KIND_ALIASES);

export function fieldOfHeader(h: string): ImportField | null {
  return HEADERS.get(importKey(h)) ?? null;
}
export function channelOf(s: string): FeedbackChannel | null {
  return CHANNELS.get(importKey(s)) ?? null;
}
export function kindOf(s: string): FeedbackKind | null {
  return KINDS.get(importKey(s)) ?? null;
}

/** dd/MM/yyyy, d/M/yyyy, ISO, dd-MM-yyyy or dd.MM.yyyy, ISO with a time, or an Excel serial day number. */
export function parseReceivedOn(s: string): string | null {
  const t = s.trim();
  const direct = parseDate(t) ?? parseDate(t.replace(/[-.]/g, '/'));
  if (direct) return direct;
  const withTime = /^(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}/.exec(t) ?? /^(\d{1,2}\/\d{1,2}\/\d{4}) \d{1,2}:\d{2}/.exec(t);
  if (withTime) return parseDate(withTime[1]!);
  if (/^\d{5}$/.test(t)) {
    // Excel's day 1 is 1900-01-01 with the 1900 leap-year bug: serial 25569 is 1970-01-01.
    const iso = new Date((Number(t) - 25569) * 86_400_000).toISOString().slice(0, 10);
    return isIsoDate(iso) ? iso : null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Reading the sheet
// ---------------------------------------------------------------------------------------------------------

export interface SheetRow {
  line: number;
  cells: string[];
}

export interface Sheet {
  /** The sheet's name for an XLSX (row issues name it), undefined for CSV. */
  sheet?: string;
  rows: SheetRow[];
}

const isXlsx = (b: Buffer) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return typeof v.text === 'string' ? v.text : cellText(v.text as ExcelJS.CellValue);
    return '';
  }
  return String(v);
}

/** The file's rows with their line numbers (CSV: UTF-8 with or without BOM, comma or semicolon; XLSX: first sheet). */
export async function readSheet(data: Buffer | string): Promise<{ sheet?: Sheet; issues: RowIssue[] }> {
  const tooMany = { line: 1, field: '', key: 'csv.too_many_rows', params: { max: FEEDBACK_IMPORT_MAX_ROWS } };
  if (Buffer.isBuffer(data) && isXlsx(data)) {
    let ws: ExcelJS.Worksheet | undefined;
    try {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(data as unknown as ArrayBuffer);
      ws = wb.worksheets.find((w) => w.actualRowCount > 0) ?? wb.worksheets[0];
    } catch {
      return { issues: [{ line: 1, field: '', key: 'import.unreadable' }] };
    }
    if (!ws) return { issues: [{ line: 1, field: '', key: 'csv.empty' }] };
    if (ws.actualRowCount > FEEDBACK_IMPORT_MAX_ROWS + HEADER_SCAN_ROWS) return { issues: [{ ...tooMany, sheet: ws.name }] };
    const rows: SheetRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const values = Array.isArray(row.values) ? (row.values as ExcelJS.CellValue[]).slice(1, MAX_COLUMNS + 1) : [];
      rows.push({ line: row.number, cells: Array.from(values, (v) => cellText(v).normalize('NFC')) });
    });
    return { sheet: { sheet: ws.name, rows: rows.filter((r) => r.cells.some((c) => c.trim() !== '')) }, issues: [] };
  }
  const text = (Buffer.isBuffer(data) ? data.toString('utf8') : data);
  if (text.includes('\u0000')) return { issues: [{ line: 1, field: '', key: 'import.unreadable' }] };
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.slice(0, body.indexOf('\n') >>> 0);
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // Empty lines are kept as records so that each record's first line is the line after the previous one's last.
    records = parse(body, { delimiter, info: true, relax_column_count: true, skip_empty_lines: false, to_line: FEEDBACK_IMPORT_MAX_ROWS * 4 + 100 }) as never;
  } catch (err) {
    const line = typeof (err as { lines?: number }).lines === 'number' ? (err as { lines: number }).lines : 1;
    return { issues: [{ line, field: '', key: 'csv.malformed' }] };
  }
  let previousEnd = 0;
  const rows: SheetRow[] = [];
  for (const r of records) {
    const line = previousEnd + 1;
    previousEnd = r.info.lines;
    if (r.record.some((c) => c.trim() !== '')) rows.push({ line, cells: r.record.slice(0, MAX_COLUMNS).map((c) => c.normalize('NFC')) });
  }
  return { sheet: { rows }, issues: [] };
}

// ---------------------------------------------------------------------------------------------------------
// Checking rows
// ---------------------------------------------------------------------------------------------------------

export interface TopicRef {
  code: string;
  name_vi: string;
  name_en: string;
}

export interface ImportRow {
  line: number;
  receivedOn: string | null;
  channel: FeedbackChannel;
  kind: FeedbackKind;
  topicCode: string | null;
  summary: string | null;
  content: string;
  location: string | null;
  submitter: {
    fullName: string | null; phone: string | null; email: string | null; address: string | null;
    roleTitle: string | null; organisation: string | null;
  } | null;
}

/** What a file's header row says: which column holds which field. */
export interface HeaderMap<F extends string> {
  /** The row the column names were read from. */
  headerLine: number;
  /** Column index -> field. */
  fields: Map<number, F>;
  /** Field -> the column's name as written in the file (row issues name it). */
  names: Map<F, string>;
  ignored: string[];
}
export type ColumnMap = HeaderMap<ImportField>;

/**
 * Finds the header row (the first of the first rows with a column naming `anchor`) and what each column holds;
 * a column named twice or a required column missing stops the import. Unknown columns are listed as ignored,
 * except the ones every export carries (`silent`). Shared by the register's and the delegates' imports.
 */
export function mapHeader<F extends string>(
  rows: readonly SheetRow[], fieldOf: (name: string) => F | null, anchor: F,
  required: readonly { field: F; label: string }[], silent: ReadonlySet<string> = SILENT_KEYS,
): { map?: HeaderMap<F>; issues: RowIssue[] } {
  if (!rows.length) return { issues: [{ line: 1, field: '', key: 'csv.empty' }] };
  const headerAt = rows.slice(0, HEADER_SCAN_ROWS).findIndex((r) => r.cells.some((c) => fieldOf(c) === anchor));
  const header = rows[Math.max(0, headerAt)]!;
  const fields = new Map<number, F>();
  const names = new Map<F, string>();
  const ignored: string[] = [];
  const issues: RowIssue[] = [];
  header.cells.forEach((raw, i) => {
    const name = raw.trim();
    if (!name) return;
    const f = fieldOf(name);
    if (!f) {
      if (!silent.has(importKey(name))) ignored.push(name);
      return;
    }
    if (names.has(f)) {
      issues.push({ line: header.line, field: name, key: 'import.duplicate_column' });
      return;
    }
    fields.set(i, f);
    names.set(f, name);
  });
  for (const r of required) if (!names.has(r.field)) issues.push({ line: header.line, field: r.label, key: 'csv.missing_column' });
  if (issues.length) return { issues };
  return { map: { headerLine: header.line, fields, names, ignored }, issues };
}

/** Finds the header row and what each column holds, or the problems that stop the import. */
export function mapColumns(rows: readonly SheetRow[]): { map?: ColumnMap; issues: RowIssue[] } {
  return mapHeader(rows, fieldOfHeader, 'content', [{ field: 'content', label: FIELD_LABELS.content }]);
}

const LIMITS: Partial<Record<ImportField, number>> = {
  summary: 300, content: 10_000, location: 300, full_name: 200, email: 200, address: 300, role_title: 200, organisation: 200,
};
const PHONE = /^[+0-9 .()-]{6,20}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Checks every data row (after the header) against the column map. `today` bounds the dates; `topics` are the
 * active topics (matched by code or name, with or without diacritics).
 */
export function checkRows(sheet: Sheet, map: ColumnMap, opts: { today: string; topics: readonly TopicRef[] }): { rows: ImportRow[]; issues: RowIssue[] } {
  const topicIndex = new Map<string, string>();
  for (const t of opts.topics) for (const n of [t.code, t.name_vi, t.name_en]) topicIndex.set(importKey(n), t.code);
  const data = sheet.rows.filter((r) => r.line > map.headerLine);
  if (!data.length) return { rows: [], issues: [{ line: map.headerLine, field: '', key: 'csv.empty', ...(sheet.sheet ? { sheet: sheet.sheet } : {}) }] };
  if (data.length > FEEDBACK_IMPORT_MAX_ROWS) {
    return { rows: [], issues: [{ line: 1, field: '', key: 'csv.too_many_rows', params: { max: FEEDBACK_IMPORT_MAX_ROWS }, ...(sheet.sheet ? { sheet: sheet.sheet } : {}) }] };
  }
  const rows: ImportRow[] = [];
  const issues: RowIssue[] = [];
  for (const r of data) {
    const v = {} as Partial<Record<ImportField, string>>;
    for (const [i, f] of map.fields) v[f] = (r.cells[i] ?? '').trim();
    const bad = (f: ImportField, key: string, params?: Record<string, string | number>) =>
      issues.push({ line: r.line, field: map.names.get(f) ?? FIELD_LABELS[f], key, ...(params ? { params } : {}), ...(sheet.sheet ? { sheet: sheet.sheet } : {}) });
    const before = issues.length;
    const opt = (f: ImportField): string | null => {
      const s = v[f];
      if (!s) return null;
      const max = LIMITS[f];
      if (max !== undefined && s.length > max) {
        bad(f, 'validation.too_long', { max });
        return null;
      }
      return s;
    };

    let receivedOn: string | null = null;
    if (map.names.has('received_on')) {
      const s = v.received_on ?? '';
      if (!s) bad('received_on', 'validation.required');
      else {
        receivedOn = parseReceivedOn(s);
        if (!receivedOn || receivedOn < '2000-01-01') bad('received_on', 'validation.date');
        else if (receivedOn > opts.today) bad('received_on', 'feedback.received_in_future');
      }
    }
    let channel: FeedbackChannel = 'import';
    if (v.channel) {
      const c = channelOf(v.channel);
      if (c) channel = c;
      else bad('channel', 'import.unknown_channel', { value: v.channel.slice(0, 60) });
    }
    let kind: FeedbackKind = 'suggestion';
    if (v.kind) {
      const k = kindOf(v.kind);
      if (k) kind = k;
      else bad('kind', 'import.unknown_kind', { value: v.kind.slice(0, 60) });
    }
    let topicCode: string | null = null;
    if (v.topic) {
      topicCode = topicIndex.get(importKey(v.topic)) ?? null;
      if (!topicCode) bad('topic', 'feedback.topic_unknown');
    }
    const content = opt('content');
    if (!v.content) bad('content', 'validation.required');
    let phone = opt('phone');
    if (phone && /^\d{9}$/.test(phone)) phone = `0${phone}`;
    if (phone && !PHONE.test(phone)) bad('phone', 'feedback.phone_format');
    const email = opt('email')?.toLowerCase() ?? null;
    if (email && !EMAIL.test(email)) bad('email', 'validation.email');
    const person = {
      fullName: opt('full_name'), phone, email, address: opt('address'), roleTitle: opt('role_title'), organisation: opt('organisation'),
    };
    const summary = opt('summary');
    const location = opt('location');
    if (issues.length > before || !content) continue;
    rows.push({
      line: r.line, receivedOn, channel, kind, topicCode, summary, content, location,
      submitter: Object.values(person).some((x) => x !== null) ? person : null,
    });
  }
  return { rows, issues };
}
