// A unit as written by a person (form or CSV row), and the checks that need no database.
import type { FieldIssue } from '../errors.ts';
import type { UnitLevel } from '../../db/schema.ts';
import { parseDate } from '../dates.ts';

export const UNIT_LEVELS: readonly UnitLevel[] = ['ministry', 'province', 'district', 'commune', 'division'];
export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9._-]{0,39}$/;
export const NAME_MAX = 200;

export interface UnitSpec {
  code: string;
  name: string;
  shortName: string | null;
  level: UnitLevel;
  parentCode: string | null;
  validFrom: string;
  validTo: string | null;
  place: string | null;
}

/** Raw text fields as they come from a CSV row or a form. */
export type RawUnit = Partial<Record<'code' | 'name' | 'short_name' | 'level' | 'parent_code' | 'valid_from' | 'valid_to' | 'place', string>>;

const clean = (s: string | undefined) => (s ?? '').normalize('NFC').trim().replace(/\s+/g, ' ');
const opt = (s: string | undefined) => clean(s) || null;

/** Parses and checks one unit's own fields; the issues are keyed by field name. */
export function parseUnitSpec(raw: RawUnit): { spec?: UnitSpec; issues: Record<string, FieldIssue> } {
  const issues: Record<string, FieldIssue> = {};
  const code = clean(raw.code).toUpperCase();
  if (!code) issues.code = { key: 'validation.required' };
  else if (!CODE_PATTERN.test(code)) issues.code = { key: 'unit.code_format' };
  const name = clean(raw.name);
  if (!name) issues.name = { key: 'validation.required' };
  else if (name.length > NAME_MAX) issues.name = { key: 'validation.too_long', params: { max: NAME_MAX } };
  const shortName = opt(raw.short_name);
  if (shortName && shortName.length > 100) issues.short_name = { key: 'validation.too_long', params: { max: 100 } };
  const place = opt(raw.place);
  if (place && place.length > 100) issues.place = { key: 'validation.too_long', params: { max: 100 } };
  const level = clean(raw.level).toLowerCase() as UnitLevel;
  if (!level) issues.level = { key: 'validation.required' };
  else if (!UNIT_LEVELS.includes(level)) issues.level = { key: 'unit.level_unknown', params: { levels: UNIT_LEVELS.join(', ') } };
  const parentCode = opt(raw.parent_code)?.toUpperCase() ?? null;
  const fromText = clean(raw.valid_from);
  const validFrom = fromText ? parseDate(fromText) : null;
  if (!fromText) issues.valid_from = { key: 'validation.required' };
  else if (!validFrom) issues.valid_from = { key: 'validation.date' };
  const toText = clean(raw.valid_to);
  const validTo = toText ? parseDate(toText) : null;
  if (toText && !validTo) issues.valid_to = { key: 'validation.date' };
  if (validFrom && validTo && validTo < validFrom) issues.valid_to = { key: 'unit.ends_before_start' };
  if (parentCode && parentCode === code) issues.parent_code = { key: 'unit.cycle' };
  if (Object.keys(issues).length) return { issues };
  return { spec: { code, name, shortName, level, parentCode, validFrom: validFrom!, validTo, place }, issues };
}
