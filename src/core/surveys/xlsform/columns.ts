// Column lookup for one sheet: which columns carry which field and language, and the report of every column we
// do not use — refused (BLOCKING_COLUMNS, once per filled cell) or warned about (once per column).
import type { LocalText } from '../questionnaire.ts';
import { BLOCKING_COLUMNS, LANG_HEADER, langCode, type XlsIssue } from './convention.ts';
import type { Column, Row, Table } from './workbook.ts';

/** Collects issues (which block the import) and warnings (which do not), capped so a broken file stays readable. */
export class Report {
  readonly issues: XlsIssue[] = [];
  readonly warnings: XlsIssue[] = [];
  constructor(private readonly cap: number) {}

  error(sheet: string, row: number, column: string | undefined, key: string, params?: XlsIssue['params']): void {
    if (this.issues.length > this.cap) return;
    if (this.issues.length === this.cap) {
      this.issues.push({ sheet, row, key: 'xlsform.too_many_issues' });
      return;
    }
    this.issues.push({ sheet, row, ...(column ? { column } : {}), key, ...(params ? { params } : {}) });
  }

  warn(sheet: string, row: number, column: string | undefined, key: string, params?: XlsIssue['params']): void {
    if (this.warnings.length < this.cap) this.warnings.push({ sheet, row, ...(column ? { column } : {}), key, ...(params ? { params } : {}) });
  }

  has(sheet: string, row: number, column?: string): boolean {
    return this.issues.some((i) => i.sheet === sheet && i.row === row && (column === undefined || i.column === column));
  }
}

export class Columns {
  private readonly byBase = new Map<string, Column[]>();

  /**
   * @param translatable bases whose language part matters (label, hint); other languages are warned about.
   * @param known bases this sheet uses; every other filled column is reported.
   */
  constructor(readonly table: Table, defaultLang: string, translatable: string[], known: string[], report: Report) {
    for (const c of table.columns) {
      const filled = table.rows.filter((r) => r.cells.has(c.index));
      if (translatable.includes(c.base)) {
        const lang = langCode(c.lang, defaultLang);
        if (lang !== 'vi' && lang !== 'en') {
          if (filled.length) report.warn(table.name, filled[0]!.row, c.header, 'xlsform.language_ignored', { language: c.lang ?? lang });
          continue;
        }
        this.add(`${c.base}:${lang}`, c);
      } else if (known.includes(c.base) && c.lang === undefined) {
        this.add(c.base, c);
      } else if (filled.length && table.name.toLowerCase() === 'survey' && BLOCKING_COLUMNS.has(c.base)) {
        for (const r of filled) report.error(table.name, r.row, c.header, 'xlsform.unsupported_column', { column: c.header });
      } else if (filled.length) {
        report.warn(table.name, filled[0]!.row, c.header, 'xlsform.column_ignored', { column: c.header, count: filled.length });
      }
    }
    // A column with an explicit language wins over a plain one for the same language.
    for (const list of this.byBase.values()) list.sort((a, b) => Number(a.lang === undefined) - Number(b.lang === undefined));
  }

  private add(key: string, c: Column): void {
    this.byBase.set(key, [...(this.byBase.get(key) ?? []), c]);
  }

  has(base: string): boolean {
    return this.byBase.has(base) || this.byBase.has(`${base}:vi`) || this.byBase.has(`${base}:en`);
  }

  /** The header to name in an issue about `base` (in `lang` for translatable ones). */
  header(base: string, lang?: 'vi' | 'en'): string {
    const found = this.byBase.get(base) ?? this.byBase.get(`${base}:${lang ?? 'vi'}`) ?? this.byBase.get(`${base}:vi`);
    return found?.[0]?.header ?? (lang ? `${base}::${LANG_HEADER[lang]}` : base);
  }

  text(row: Row, base: string): string {
    for (const c of this.byBase.get(base) ?? []) {
      const v = row.cells.get(c.index);
      if (v) return v;
    }
    return '';
  }

  /** Vietnamese and English text of a translatable field; vi is '' when missing. */
  local(row: Row, base: string): { vi: string; en: string } {
    return { vi: this.text(row, `${base}:vi`), en: this.text(row, `${base}:en`) };
  }
}

/** LocalText from cells, leaving `en` out when it is empty (the model's optional English). */
export function localText(t: { vi: string; en: string }): LocalText {
  return t.en ? { vi: t.vi, en: t.en } : { vi: t.vi };
}
