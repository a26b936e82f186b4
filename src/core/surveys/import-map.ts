// Importing responses from other tools (Google Forms, KoboToolbox, a spreadsheet): which column is which
// question, which cell value is which answer code (e.g. 9 = "don't know" -> no opinion), then every row checked
// like an online answer. Pure: the file is already parsed into a header and rows of text.
import type { RowIssue } from '../errors.ts';
import { stripDiacritics } from '../text.ts';
import { checkAnswers, type Answers, type RawAnswers } from './answers.ts';
import { questionsOf, scaleOf, type Question, type Questionnaire } from './questionnaire.ts';

export interface ImportMapping {
  /** Column header -> question id (unmapped columns are ignored, and said so in the preview). */
  columns: Record<string, string>;
  /** Question id -> raw cell value -> answer code ('' leaves the answer blank). */
  values: Record<string, Record<string, string>>;
}

const norm = (s: string) => stripDiacritics(s.normalize('NFC')).toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

function optionsOf(form: Questionnaire, q: Question) {
  const scale = q.type === 'rating' ? scaleOf(form, q) : undefined;
  return [...(q.choices ?? []), ...(scale?.levels ?? []), ...(scale?.noOpinion ? [scale.noOpinion] : [])];
}

/** Best guesses: a header equal to a question's id or label (accents and case ignored), cell values equal to a code or label. */
export function suggestMapping(form: Questionnaire, header: string[], rows: string[][]): ImportMapping {
  const columns: Record<string, string> = {};
  const questions = questionsOf(form).filter((q) => q.type !== 'note');
  for (const h of header) {
    const n = norm(h);
    const q = questions.find((x) => norm(x.id) === n || norm(x.label.vi) === n || (x.label.en && norm(x.label.en) === n))
      ?? questions.find((x) => n.length > 8 && (norm(x.label.vi).includes(n) || n.includes(norm(x.label.vi))));
    if (q && !Object.values(columns).includes(q.id)) columns[h] = q.id;
  }
  const values: ImportMapping['values'] = {};
  for (const [h, qid] of Object.entries(columns)) {
    const q = questions.find((x) => x.id === qid)!;
    const options = optionsOf(form, q);
    if (!options.length) continue;
    const col = header.indexOf(h);
    const distinct = [...new Set(rows.flatMap((r) => splitMulti(q, r[col] ?? '')))].slice(0, 100);
    values[qid] = Object.fromEntries(distinct.map((raw) => {
      const n = norm(raw);
      const o = options.find((x) => x.code === raw.trim() || norm(x.label.vi) === n || (x.label.en && norm(x.label.en) === n));
      return [raw, o?.code ?? ''];
    }));
  }
  return { columns, values };
}

/** A multiple-choice cell holds several answers separated by commas or semicolons (as Google Forms writes them). */
function splitMulti(q: Question, cell: string): string[] {
  const v = cell.trim();
  if (!v) return [];
  return q.type === 'multiple' ? v.split(/[;,]/).map((x) => x.trim()).filter(Boolean) : [v];
}

/** Every row as answers, or its problems by line (the header is line 1) and column. */
export function mapRows(form: Questionnaire, header: string[], rows: string[][], mapping: ImportMapping): { answers: Answers[]; issues: RowIssue[] } {
  const questions = new Map(questionsOf(form).map((q) => [q.id, q]));
  const issues: RowIssue[] = [];
  const answers: Answers[] = [];
  const columnOf = new Map(Object.entries(mapping.columns).map(([h, qid]) => [qid, h]));
  for (const [h, qid] of Object.entries(mapping.columns)) {
    if (!questions.has(qid)) issues.push({ line: 1, field: h, key: 'import.unknown_question', params: { id: qid } });
    if (!header.includes(h)) issues.push({ line: 1, field: h, key: 'import.unknown_column' });
  }
  if (issues.length) return { answers, issues };
  rows.forEach((row, i) => {
    const line = i + 2;
    const raw: RawAnswers = {};
    const reported = new Set<string>();
    for (const [h, qid] of Object.entries(mapping.columns)) {
      const q = questions.get(qid)!;
      const cells = splitMulti(q, row[header.indexOf(h)] ?? '');
      const table = mapping.values[qid];
      const mapped = table ? cells.map((c) => table[c] ?? `\u0000${c}`) : cells;
      const unmapped = mapped.find((m) => m.startsWith('\u0000'));
      if (unmapped) {
        issues.push({ line, field: h, key: 'import.unmapped_value', params: { value: unmapped.slice(1) } });
        reported.add(qid);
        continue;
      }
      const kept = mapped.filter((m) => m !== '');
      if (kept.length) raw[qid] = q.type === 'multiple' ? kept : kept[0]!;
    }
    const checked = checkAnswers(form, raw);
    for (const [qid, issue] of Object.entries(checked.issues)) {
      if (!reported.has(qid)) issues.push({ line, field: columnOf.get(qid) ?? qid, key: issue.key, params: issue.params });
    }
    answers.push(checked.answers);
  });
  return { answers, issues };
}
