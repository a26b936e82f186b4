// The XLSForm convention shared by import and export: column names, languages, yes/no cells, and the subset of
// `constraint` we understand. Export writes exactly what import reads (see docs/surveys-xlsform.md).
//
// Our own columns are prefixed `langnghe_` (not `langnghe::`): pyxform splits headers on `::` as
// `column::language`, so `langnghe::scale` would be read as a translation of a column named `langnghe`.
// Import also accepts the `langnghe::x` spelling and treats it as `langnghe_x`. pyxform ignores unknown columns,
// so ODK and Kobo tools open our files unchanged.

/** A problem found in the spreadsheet; row is the 1-based spreadsheet row (0 for the file as a whole). */
export interface XlsIssue {
  sheet: string;
  row: number;
  column?: string;
  key: string;
  params?: Record<string, string | number>;
}

export const SHEETS = { survey: 'survey', choices: 'choices', settings: 'settings' } as const;

/** Limits that keep a hostile or mistaken upload from exhausting memory. */
export const LIMITS = {
  fileBytes: 5 * 1024 * 1024,
  unzippedBytes: 50 * 1024 * 1024,
  zipEntries: 500,
  surveyRows: 2000,
  choicesRows: 10000,
  issues: 200,
};

/** Columns we write, by role. */
export const COL = {
  type: 'type',
  name: 'name',
  label: 'label',
  hint: 'hint',
  required: 'required',
  relevant: 'relevant',
  constraint: 'constraint',
  appearance: 'appearance',
  criterion: 'langnghe_criterion',
  headline: 'langnghe_headline',
  demographic: 'langnghe_demographic',
  listName: 'list_name',
  satisfied: 'langnghe_satisfied',
  noOpinion: 'langnghe_no_opinion',
  formTitle: 'form_title',
  formId: 'form_id',
  version: 'version',
  defaultLanguage: 'default_language',
  titleVi: 'langnghe_title_vi',
  titleEn: 'langnghe_title_en',
  introVi: 'langnghe_intro_vi',
  introEn: 'langnghe_intro_en',
} as const;

export type Lang = 'vi' | 'en';
/** The language part we write after `::` (ODK's "Name (code)" form). */
export const LANG_HEADER: Record<Lang, string> = { vi: 'Vietnamese (vi)', en: 'English (en)' };
export const DEFAULT_LANGUAGE = LANG_HEADER.vi;

const LANG_NAMES: Record<string, string> = { vietnamese: 'vi', 'tiếng việt': 'vi', 'tieng viet': 'vi', english: 'en', 'tiếng anh': 'en', 'tieng anh': 'en' };

/**
 * The language code of a header's language part: `Vietnamese (vi)`, `vi`, `English` -> 'vi' / 'en';
 * other languages come back as their own code or lower-cased name. Undefined part -> the form's default language.
 */
export function langCode(part: string | undefined, fallback: string): string {
  if (part === undefined || !part.trim()) return fallback;
  const s = part.trim().toLowerCase();
  const m = /\(([a-z]{2,3}(?:-[a-z0-9]+)?)\)\s*$/.exec(s);
  if (m) return m[1]!.split('-')[0]!;
  if (/^[a-z]{2,3}$/.test(s)) return s;
  return LANG_NAMES[s] ?? s;
}

/** Splits a header into its lower-cased base column and its language part (`label::English (en)`). */
export function splitHeader(header: string): { base: string; lang?: string } {
  const h = header.trim().replace(/^langnghe::/i, 'langnghe_');
  const i = h.indexOf('::');
  if (i < 0) return { base: h.toLowerCase() };
  return { base: h.slice(0, i).trim().toLowerCase(), lang: h.slice(i + 2).trim() };
}

/** XLSForm yes/no: yes, true, true(), 1 and their opposites; empty is no; anything else is not understood. */
export function parseBool(s: string): boolean | undefined {
  const v = s.trim().toLowerCase();
  if (['yes', 'true', 'true()', '1', 'có'].includes(v)) return true;
  if (['', 'no', 'false', 'false()', '0', 'không'].includes(v)) return false;
  return undefined;
}

export interface Limits {
  min?: number;
  max?: number;
  maxLength?: number;
}

const NUM = '(-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)';
const PART_MIN = new RegExp(`^\\.\\s*>=\\s*${NUM}$`);
const PART_MAX = new RegExp(`^\\.\\s*<=\\s*${NUM}$`);
const PART_LEN = new RegExp(`^string-length\\(\\s*\\.\\s*\\)\\s*<=\\s*${NUM}$`);

/** Writes min/max (numbers) or maxLength (text) as an XLSForm constraint; '' when there is none. */
export function formatConstraint(l: Limits): string {
  const parts: string[] = [];
  if (l.min !== undefined) parts.push(`. >= ${l.min}`);
  if (l.max !== undefined) parts.push(`. <= ${l.max}`);
  if (l.maxLength !== undefined) parts.push(`string-length(.) <= ${l.maxLength}`);
  return parts.join(' and ');
}

/**
 * Reads the constraints we can honour: `. >= N`, `. <= N` (integer, decimal) and `string-length(.) <= N`
 * (text), joined by `and`. Anything else is undefined: the caller reports it, since dropping a constraint
 * would silently accept answers the author meant to refuse.
 */
export function parseConstraint(src: string, kind: 'number' | 'text'): Limits | undefined {
  const out: Limits = {};
  // Only `and` joins parts, so parentheses carry no meaning: drop them (keeping string-length's own).
  const flat = src.replace(/string-length\(\s*\.\s*\)/g, '#LEN#').replace(/[()]/g, ' ').replaceAll('#LEN#', 'string-length(.)');
  for (const raw of flat.trim().split(/\s+and\s+/)) {
    const part = raw.trim();
    let m: RegExpExecArray | null;
    if (kind === 'number' && (m = PART_MIN.exec(part)) && out.min === undefined) out.min = Number(m[1]);
    else if (kind === 'number' && (m = PART_MAX.exec(part)) && out.max === undefined) out.max = Number(m[1]);
    else if (kind === 'text' && (m = PART_LEN.exec(part)) && out.maxLength === undefined && Number.isInteger(Number(m[1]))) out.maxLength = Number(m[1]);
    else return undefined;
  }
  return out;
}

/** Survey types that are device metadata, not questions: not collected here (respondents stay anonymous). */
export const METADATA_TYPES = new Set(['start', 'end', 'today', 'deviceid', 'subscriberid', 'simserial', 'phonenumber', 'username', 'email', 'audit', 'start-geopoint', 'background-audio']);

/** Survey columns whose value changes what is asked or recorded: refused, never ignored. */
export const BLOCKING_COLUMNS = new Set(['choice_filter', 'calculation', 'repeat_count', 'trigger', 'parameters']);
