// The survey sheet -> sections of questions. Groups become sections; questions outside any group go into a section
// of their own (titled like the form). Every row we cannot represent is reported, never skipped.
import { ExprError, parseExpr, refsOf } from '../expr.ts';
import { ID, type Choice, type LocalText, type Question, type QuestionType, type Section } from '../questionnaire.ts';
import { METADATA_TYPES, parseBool, parseConstraint, type Limits } from './convention.ts';
import { localText, type Columns, type Report } from './columns.ts';
import type { Row } from './workbook.ts';

export interface ChoiceList {
  name: string;
  row: number;
  choices: Choice[];
  /** Set when the list is a rating scale (it marks satisfied or no-opinion choices). */
  scale: boolean;
  used: boolean;
}

/** Where each section and question came from, to report the model's own checks against spreadsheet rows. */
export interface SurveyRows {
  row: number;
  questions: number[];
}

const SELECT = /^(select_one|select_multiple)(?:\s+(\S+))?(\s+.+)?$/;
const cloneChoice = (c: Choice): Choice => ({ code: c.code, label: { ...c.label } });

/** Reads the survey rows into sections, reporting through `report`; `formTitle` titles implicit sections. */
export function readSurvey(cols: Columns, lists: Map<string, ChoiceList>, formTitle: LocalText, report: Report): { sections: Section[]; where: SurveyRows[] } {
  const sheet = cols.table.name;
  const col = { type: cols.header('type'), name: cols.header('name'), label: cols.header('label', 'vi'), hint: cols.header('hint', 'vi'),
    required: cols.header('required'), relevant: cols.header('relevant'), constraint: cols.header('constraint'), appearance: cols.header('appearance') };
  const nameOf = (r: Row) => cols.text(r, 'name') || cols.text(r, '$autoname');
  const isGroup = (r: Row) => /^(begin|end)[ _](group|repeat)$/i.test(cols.text(r, 'type').trim());
  const allNames = new Set(cols.table.rows.map(nameOf).filter(Boolean));
  const questionNames = new Set(cols.table.rows.filter((r) => !isGroup(r)).map(nameOf).filter(Boolean));
  const sections: Section[] = [];
  const where: SurveyRows[] = [];
  const seen = new Map<string, number>();
  const groups = new Map<string, number>();
  const appearances = new Map<string, { row: number; count: number }>();
  const open: number[] = [];
  let current: number | null = null;
  let groupRelevant: string | undefined;
  let implicit = 0;

  const err = (r: Row, column: string | undefined, key: string, params?: Record<string, string | number>) => report.error(sheet, r.row, column, key, params);
  const flag = (r: Row, base: string, column: string): boolean => {
    const v = parseBool(cols.text(r, base));
    if (v === undefined) err(r, column, 'xlsform.bad_boolean');
    return v === true;
  };
  const relevantOk = (r: Row, src: string): boolean => {
    try {
      const missing = refsOf(parseExpr(src)).find((name) => !seen.has(name));
      if (missing) err(r, col.relevant, questionNames.has(missing) ? 'xlsform.relevant_later' : 'survey.relevant_unknown', { name: missing });
      return !missing;
    } catch (e) {
      if (!(e instanceof ExprError)) throw e;
      err(r, col.relevant, e.key, { at: e.at + 1 });
      return false;
    }
  };
  const appearance = (r: Row, allowed: string[] = []): string[] => {
    const tokens = cols.text(r, 'appearance').split(/\s+/).filter(Boolean);
    for (const a of tokens.filter((t) => !allowed.includes(t))) {
      const seenA = appearances.get(a);
      appearances.set(a, seenA ? { row: seenA.row, count: seenA.count + 1 } : { row: r.row, count: 1 });
    }
    return tokens;
  };

  for (const r of cols.table.rows) {
    const type = cols.text(r, 'type').toLowerCase().replace(/\s+/g, ' ').replace(/^(begin|end)_(group|repeat)$/, '$1 $2');
    const name = nameOf(r);
    if (!type) {
      if (name || cols.local(r, 'label').vi || cols.local(r, 'label').en) err(r, col.type, 'xlsform.missing_type');
      continue;
    }
    if (type === 'begin group') {
      open.push(r.row);
      if (open.length > 1) { err(r, col.type, 'xlsform.nested_group'); continue; }
      const label = cols.local(r, 'label');
      if (!name) err(r, col.name, 'xlsform.missing_name');
      else if (groups.has(name)) err(r, col.name, 'xlsform.duplicate_name', { name, first: groups.get(name)! });
      else if (!ID.test(name)) err(r, col.name, 'survey.bad_id');
      if (name && !groups.has(name)) groups.set(name, r.row);
      if (!label.vi) err(r, col.label, 'xlsform.missing_label');
      const rel = cols.text(r, 'relevant');
      groupRelevant = rel && relevantOk(r, rel) ? rel : undefined;
      appearance(r);
      for (const base of ['hint:vi', 'hint:en', 'constraint', 'langnghe_criterion', 'langnghe_headline', 'langnghe_demographic']) {
        const [b, lang] = base.split(':') as [string, 'vi' | 'en' | undefined];
        if (cols.text(r, base)) report.warn(sheet, r.row, cols.header(b, lang), 'xlsform.group_column_ignored');
      }
      if (parseBool(cols.text(r, 'required')) !== false) report.warn(sheet, r.row, col.required, 'xlsform.group_column_ignored');
      sections.push({ id: name, title: localText(label), questions: [] });
      where.push({ row: r.row, questions: [] });
      current = sections.length - 1;
      continue;
    }
    if (type === 'end group') {
      if (!open.length) err(r, col.type, 'xlsform.unbalanced_end');
      else {
        open.pop();
        if (!open.length) { current = null; groupRelevant = undefined; }
      }
      continue;
    }
    if (METADATA_TYPES.has(type)) { report.warn(sheet, r.row, col.type, 'xlsform.metadata_ignored', { type }); continue; }

    let qtype: QuestionType;
    let choices: Choice[] | undefined;
    let scale: string | undefined;
    const select = SELECT.exec(type);
    if (select && !select[3]) {
      const listName = cols.text(r, 'type').trim().split(/\s+/)[1] ?? '';
      const list = lists.get(listName);
      qtype = select[1] === 'select_one' ? 'single' : 'multiple';
      if (!list) err(r, col.type, 'xlsform.unknown_list', { list: listName });
      else if (list.scale && qtype === 'multiple') err(r, col.type, 'xlsform.scale_multiple', { list: listName });
      else if (list.scale) { qtype = 'rating'; scale = listName; list.used = true; }
      else { choices = list.choices.map(cloneChoice); list.used = true; }
    } else if (type === 'text' || type === 'integer' || type === 'decimal' || type === 'note') {
      qtype = type;
    } else {
      err(r, col.type, 'xlsform.unsupported_type', { type: cols.text(r, 'type') });
      continue;
    }

    let limits: Limits = {};
    if (qtype === 'text') {
      if (appearance(r, ['multiline']).includes('multiline')) qtype = 'long_text';
    } else {
      appearance(r);
    }
    const constraint = cols.text(r, 'constraint');
    if (constraint) {
      const kind = qtype === 'integer' || qtype === 'decimal' ? 'number' : qtype === 'text' || qtype === 'long_text' ? 'text' : undefined;
      const parsed = kind && parseConstraint(constraint, kind);
      if (parsed) limits = parsed;
      else err(r, col.constraint, 'xlsform.constraint_unsupported');
    }

    const label = cols.local(r, 'label');
    const hint = cols.local(r, 'hint');
    if (!name) err(r, col.name, 'xlsform.missing_name');
    else if (seen.has(name)) err(r, col.name, 'xlsform.duplicate_name', { name, first: seen.get(name)! });
    if (!label.vi) err(r, col.label, 'xlsform.missing_label');
    if (hint.en && !hint.vi) err(r, col.hint, 'xlsform.missing_vietnamese');
    const own = cols.text(r, 'relevant');
    const relevant = own && !relevantOk(r, own) ? undefined : own && groupRelevant ? `(${groupRelevant}) and (${own})` : own || groupRelevant;

    const q: Question = { id: name, type: qtype, label: localText(label), required: flag(r, 'required', col.required) };
    if (hint.vi) q.hint = localText(hint);
    if (choices) q.choices = choices;
    if (scale) q.scale = scale;
    if (flag(r, 'langnghe_criterion', cols.header('langnghe_criterion'))) q.criterion = true;
    if (flag(r, 'langnghe_headline', cols.header('langnghe_headline'))) q.headline = true;
    if (flag(r, 'langnghe_demographic', cols.header('langnghe_demographic'))) q.demographic = true;
    if (relevant) q.relevant = relevant;
    Object.assign(q, limits);

    if (current === null) {
      let id = `phan_${++implicit}`;
      while (allNames.has(id)) id = `phan_${++implicit}`;
      sections.push({ id, title: { ...formTitle }, questions: [] });
      where.push({ row: r.row, questions: [] });
      current = sections.length - 1;
    }
    sections[current]!.questions.push(q);
    where[current]!.questions.push(r.row);
    if (name && !seen.has(name)) seen.set(name, r.row);
  }

  for (const row of open) report.error(sheet, row, col.type, 'xlsform.unclosed_group');
  for (const [value, a] of appearances) report.warn(sheet, a.row, col.appearance, 'xlsform.appearance_ignored', { appearance: value, count: a.count });
  if (!sections.some((s) => s.questions.length)) report.error(sheet, cols.table.rows[0]?.row ?? 2, undefined, 'xlsform.empty_survey');
  return { sections, where };
}
