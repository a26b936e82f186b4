// Importing a delegate list (pure, no database): the sheet is read by the register import's reader (CSV or the
// first XLSX sheet, with line numbers); columns are recognised by their Vietnamese names with or without
// diacritics; every row is checked (name, phone, email, group) and every problem reported with its line and column.
// Nothing is guessed: a blank or unknown group is an error, not "resident".
import type { DelegateCategory } from '../../db/schema.ts';
import type { RowIssue } from '../errors.ts';
import { aliasIndex, importKey, mapHeader, type HeaderMap, type Sheet, type SheetRow } from '../feedback/import-rows.ts';
import { normalizePhoneVN } from './phone.ts';

export const DELEGATE_IMPORT_MAX_ROWS = 2000;
export const DELEGATE_IMPORT_MAX_BYTES = 2 * 1024 * 1024;

export const DELEGATE_CATEGORIES: readonly DelegateCategory[] = ['official', 'mass_org', 'village_head', 'resident', 'police', 'guest'];

export type DelegateField = 'full_name' | 'title' | 'organisation' | 'village' | 'phone' | 'email' | 'category';

/** The template's column names, in order (also used to name a missing column). */
export const DELEGATE_COLUMNS: Readonly<Record<DelegateField, string>> = {
  full_name: 'Họ và tên', title: 'Chức vụ', organisation: 'Cơ quan/đơn vị', village: 'Thôn/TDP', phone: 'Điện thoại',
  email: 'Email', category: 'Thành phần',
};

const HEADER_ALIASES: Readonly<Record<DelegateField, readonly string[]>> = {
  full_name: ['Họ và tên', 'Họ tên', 'Tên', 'Tên đại biểu', 'Đại biểu', 'full_name', 'full name', 'name'],
  title: ['Chức vụ', 'Chức danh', 'title', 'position'],
  organisation: ['Cơ quan/đơn vị', 'Cơ quan, đơn vị', 'Cơ quan', 'Đơn vị', 'Đơn vị công tác', 'Tổ chức', 'organisation', 'organization'],
  village: ['Thôn/TDP', 'Thôn, TDP', 'Thôn/Tổ dân phố', 'Thôn', 'Tổ dân phố', 'TDP', 'Thôn, tổ dân phố', 'village'],
  phone: ['Điện thoại', 'Số điện thoại', 'SĐT', 'Điện thoại liên hệ', 'phone', 'telephone'],
  email: ['Email', 'E-mail', 'Thư điện tử', 'email'],
  category: ['Thành phần', 'Nhóm', 'Đối tượng', 'Thành phần đại biểu', 'category', 'group'],
};
const SILENT = ['STT', 'TT', 'Số TT', 'Số thứ tự', 'Ghi chú', 'No', 'No.', '#'];

/** Vietnamese labels of each group (the template's drop-down shows the first). */
export const CATEGORY_LABELS: Readonly<Record<DelegateCategory, readonly string[]>> = {
  official: ['Lãnh đạo Đảng, chính quyền', 'Đảng, chính quyền', 'Chính quyền', 'Lãnh đạo', 'Cấp ủy, chính quyền', 'Đại biểu chính quyền', 'Cán bộ xã', 'official'],
  mass_org: ['Mặt trận, đoàn thể', 'Đoàn thể', 'Mặt trận', 'MTTQ', 'Tổ chức chính trị - xã hội', 'Hội, đoàn thể', 'mass_org', 'mass organisation'],
  village_head: ['Trưởng thôn/Tổ trưởng TDP', 'Trưởng thôn', 'Tổ trưởng TDP', 'Tổ trưởng tổ dân phố', 'Trưởng thôn, tổ trưởng', 'Thôn, TDP', 'village_head', 'village head'],
  resident: ['Nhân dân', 'Người dân', 'Công dân', 'Đại diện nhân dân', 'Đại diện hộ gia đình', 'resident'],
  police: ['Công an', 'Lực lượng Công an', 'Cán bộ Công an', 'police'],
  guest: ['Khách mời', 'Khách', 'Đại biểu khách mời', 'guest'],
};

const HEADERS = aliasIndex(HEADER_ALIASES);
const CATEGORIES = aliasIndex(CATEGORY_LABELS);
const SILENT_KEYS = new Set(SILENT.map(importKey));

/** The group named by a Vietnamese label or code (with or without diacritics), or null. */
export function categoryOf(label: string): DelegateCategory | null {
  return CATEGORIES.get(importKey(label)) ?? null;
}

/** The field a column name stands for, or null. */
export function delegateFieldOf(header: string): DelegateField | null {
  return HEADERS.get(importKey(header)) ?? null;
}

export interface DelegateRow {
  line: number;
  fullName: string;
  title: string | null;
  organisation: string | null;
  village: string | null;
  phone: string | null;
  email: string | null;
  category: DelegateCategory;
}

export type DelegateColumns = HeaderMap<DelegateField>;

/** Finds the header (the first of the first 10 rows naming a name column) and each column's field. */
export function mapDelegateColumns(rows: readonly SheetRow[]): { map?: DelegateColumns; issues: RowIssue[] } {
  return mapHeader(rows, delegateFieldOf, 'full_name',
    (['full_name', 'category'] as const).map((f) => ({ field: f, label: DELEGATE_COLUMNS[f] })), SILENT_KEYS);
}

const LIMIT = 200;
/** Control characters (a NUL from a broken export) have no place in a name or a phone number. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks every data row after the header: the delegates to add, or every problem with its line and column. */
export function checkDelegateRows(sheet: Sheet, map: DelegateColumns): { rows: DelegateRow[]; issues: RowIssue[] } {
  const at = sheet.sheet ? { sheet: sheet.sheet } : {};
  const data = sheet.rows.filter((r) => r.line > map.headerLine);
  if (!data.length) return { rows: [], issues: [{ line: map.headerLine, field: '', key: 'csv.empty', ...at }] };
  if (data.length > DELEGATE_IMPORT_MAX_ROWS) {
    return { rows: [], issues: [{ line: 1, field: '', key: 'csv.too_many_rows', params: { max: DELEGATE_IMPORT_MAX_ROWS }, ...at }] };
  }
  const rows: DelegateRow[] = [];
  const issues: RowIssue[] = [];
  for (const r of data) {
    const v: Partial<Record<DelegateField, string>> = {};
    for (const [i, f] of map.fields) v[f] = (r.cells[i] ?? '').replace(CONTROL, '').normalize('NFC').trim();
    const before = issues.length;
    const bad = (f: DelegateField, key: string, params?: Record<string, string | number>) =>
      issues.push({ line: r.line, field: map.names.get(f) ?? DELEGATE_COLUMNS[f], key, ...(params ? { params } : {}), ...at });
    const opt = (f: DelegateField): string | null => {
      const s = v[f];
      if (!s) return null;
      if (s.length > LIMIT) {
        bad(f, 'validation.too_long', { max: LIMIT });
        return null;
      }
      return s;
    };
    const fullName = opt('full_name');
    if (!v.full_name) bad('full_name', 'validation.required');
    let phone: string | null = null;
    if (v.phone) {
      const p = normalizePhoneVN(v.phone);
      if ('phone' in p) phone = p.phone;
      else bad('phone', p.error);
    }
    const email = opt('email')?.toLowerCase() ?? null;
    if (email && !EMAIL.test(email)) bad('email', 'validation.email');
    let category: DelegateCategory | null = null;
    if (!v.category) bad('category', 'validation.required');
    else {
      category = categoryOf(v.category);
      if (!category) bad('category', 'conference.category_unknown', { value: v.category.slice(0, 60) });
    }
    const title = opt('title');
    const organisation = opt('organisation');
    const village = opt('village');
    if (issues.length > before || !fullName || !category) continue;
    rows.push({ line: r.line, fullName, title, organisation, village, phone, email, category });
  }
  return { rows, issues };
}
