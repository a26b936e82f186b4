// The keying screen's rules, apart from React: which questions a sheet asks (in printed order, numbered as on
// paper), which number key picks which answer, which questions are shown given the answers so far (the
// `relevant` conditions, evaluated by the server's own src/core/surveys/expr.ts), and the body to send.
//
// Key mapping (shown on screen, the same on every sheet):
//   single / multiple choice with N options: 1..N in printed order (multiple: each key toggles);
//   rating scale: 1 = the first printed level (Rất hài lòng), 2, 3, … in printed order; 0 = Không có ý kiến
//   (9 is accepted too: scales have at most 5 levels, so it never means a level);
//   more than 9 options: type the number, then Enter.
import { evalExpr, parseExpr, type AnswerValue, type Expr } from '../../../src/core/surveys/expr.ts';
import type { AnswerInput, QuestionnaireDefinition, SurveyQuestion } from '../types.ts';

export type Answers = Record<string, AnswerInput>;

export interface KeyOption {
  /** What to type: '1', '2', …, '0' for no opinion. */
  key: string;
  /** Another key that picks the same option ('9' for no opinion). */
  alias?: string;
  code: string;
  label: { vi: string; en?: string };
  noOpinion?: boolean;
}

export interface KeyedQuestion {
  q: SurveyQuestion;
  /** The number printed on the sheet (notes have none). */
  number: number;
  section: string;
  options: KeyOption[];
  condition: Expr | null;
}

export const isChoice = (q: SurveyQuestion) => q.type === 'single' || q.type === 'rating' || q.type === 'multiple';

/** The questions to key, in printed order; notes are left out (nothing to key). */
export function keyedQuestions(form: QuestionnaireDefinition): KeyedQuestion[] {
  const out: KeyedQuestion[] = [];
  let n = 0;
  for (const section of form.sections) {
    for (const q of section.questions) {
      if (q.type === 'note') continue;
      n++;
      let options: KeyOption[] = [];
      if (q.type === 'single' || q.type === 'multiple') {
        options = (q.choices ?? []).map((c, i) => ({ key: String(i + 1), code: c.code, label: c.label }));
      } else if (q.type === 'rating') {
        const scale = form.scales.find((s) => s.id === q.scale);
        options = (scale?.levels ?? []).map((l, i) => ({ key: String(i + 1), code: l.code, label: l.label }));
        if (scale?.noOpinion) options.push({ key: '0', alias: '9', code: scale.noOpinion.code, label: scale.noOpinion.label, noOpinion: true });
      }
      out.push({ q, number: n, section: section.id, options, condition: q.relevant ? safeParse(q.relevant) : null });
    }
  }
  return out;
}

function safeParse(src: string): Expr | null {
  try {
    return parseExpr(src);
  } catch {
    return null; // a published questionnaire's conditions were checked when it was saved
  }
}

/** The option a typed key picks (exact key first, then the alias), if any. */
export function optionForKey(kq: KeyedQuestion, typed: string): KeyOption | undefined {
  return kq.options.find((o) => o.key === typed) ?? kq.options.find((o) => o.alias === typed);
}

/** Ids of the questions shown given the answers (a hidden question's answer does not count further on). */
export function visibleIds(all: KeyedQuestion[], answers: Answers): string[] {
  const shown = new Set<string>();
  const so: Record<string, AnswerValue> = {};
  for (const kq of all) {
    if (kq.condition && !evalExpr(kq.condition, so)) continue;
    shown.add(kq.q.id);
    const a = answers[kq.q.id];
    if (a !== undefined && !isEmpty(a)) so[kq.q.id] = a;
  }
  return all.map((k) => k.q.id).filter((id) => shown.has(id));
}

export const isEmpty = (a: AnswerInput | undefined) => a === undefined || (Array.isArray(a) ? a.length === 0 : a.trim() === '');

/** The body's answers: shown, non-empty questions only, text trimmed. */
export function payload(all: KeyedQuestion[], answers: Answers): Record<string, AnswerInput> {
  const shown = new Set(visibleIds(all, answers));
  const out: Record<string, AnswerInput> = {};
  for (const kq of all) {
    const a = answers[kq.q.id];
    if (!shown.has(kq.q.id) || a === undefined || isEmpty(a)) continue;
    out[kq.q.id] = Array.isArray(a) ? a : a.trim();
  }
  return out;
}

/** Required shown questions left without an answer. */
export function missingRequired(all: KeyedQuestion[], answers: Answers): KeyedQuestion[] {
  const shown = new Set(visibleIds(all, answers));
  return all.filter((kq) => kq.q.required && shown.has(kq.q.id) && isEmpty(answers[kq.q.id]));
}

/** An answer as words: the option's key and label for choices, the text otherwise. */
export function answerText(kq: KeyedQuestion, a: AnswerInput | number | undefined, lang: 'vi' | 'en', withKey = true): string {
  if (a === undefined || (typeof a !== 'number' && isEmpty(a))) return '';
  const label = (code: string) => {
    const o = kq.options.find((x) => x.code === code);
    const words = o && (lang === 'en' && o.label.en ? o.label.en : o.label.vi);
    return o ? (withKey ? `${o.key} · ${words}` : words!) : code;
  };
  if (Array.isArray(a)) return a.map(label).join('; ');
  return isChoice(kq.q) ? label(String(a)) : String(a);
}
