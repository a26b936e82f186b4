// Checks one response against its questionnaire: required questions answered (unless hidden by their
// condition), codes that exist, numbers in range, text within limits. Hidden questions' answers are dropped.
import type { FieldIssue } from '../errors.ts';
import { evalExpr, type AnswerValue } from './expr.ts';
import { conditions, questionsOf, scaleOf, type Question, type Questionnaire } from './questionnaire.ts';

export type Answers = Record<string, string | number | string[]>;
export type RawAnswers = Record<string, string | string[] | number | undefined | null>;

export const TEXT_MAX = 2000;
export const SHORT_TEXT_MAX = 200;

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined || v === null || v === '' ? [] : [String(v)]);

/** What checking a response needs of its questionnaire, worked out once per questionnaire object (as its conditions). */
interface CheckPlan {
  questions: Question[];
  /** The codes a choice or rating question accepts (a scale's levels and its "no opinion"). */
  allowed: Map<string, Set<string>>;
}
const plans = new WeakMap<Questionnaire, CheckPlan>();

function planOf(form: Questionnaire): CheckPlan {
  let plan = plans.get(form);
  if (!plan) {
    const questions = questionsOf(form);
    const allowed = new Map<string, Set<string>>();
    for (const q of questions) {
      if (q.type === 'single' || q.type === 'multiple') allowed.set(q.id, new Set((q.choices ?? []).map((c) => c.code)));
      else if (q.type === 'rating') {
        const s = scaleOf(form, q)!;
        allowed.set(q.id, new Set([...s.levels.map((l) => l.code), ...(s.noOpinion ? [s.noOpinion.code] : [])]));
      }
    }
    plan = { questions, allowed };
    plans.set(form, plan);
  }
  return plan;
}

function checkOne(plan: CheckPlan, q: Question, raw: unknown): { value?: string | number | string[]; issue?: FieldIssue } {
  const values = asList(raw).map((s) => s.normalize('NFC').trim()).filter((s) => s !== '');
  if (!values.length) return q.required ? { issue: { key: 'survey.answer_required' } } : {};
  switch (q.type) {
    case 'single':
    case 'rating': {
      if (values.length > 1) return { issue: { key: 'survey.one_answer' } };
      return plan.allowed.get(q.id)!.has(values[0]!) ? { value: values[0]! } : { issue: { key: 'survey.unknown_choice' } };
    }
    case 'multiple': {
      const allowed = plan.allowed.get(q.id)!;
      const unique = [...new Set(values)];
      return unique.every((v) => allowed.has(v)) ? { value: unique } : { issue: { key: 'survey.unknown_choice' } };
    }
    case 'integer':
    case 'decimal': {
      if (values.length > 1) return { issue: { key: 'survey.one_answer' } };
      const text = values[0]!.replace(',', '.');
      const n = Number(text);
      if (!Number.isFinite(n) || (q.type === 'integer' && !/^-?\d+$/.test(text))) return { issue: { key: q.type === 'integer' ? 'survey.integer' : 'survey.number' } };
      if (q.min !== undefined && n < q.min) return { issue: { key: 'validation.too_small', params: { min: q.min } } };
      if (q.max !== undefined && n > q.max) return { issue: { key: 'validation.too_big', params: { max: q.max } } };
      return { value: n };
    }
    case 'text':
    case 'long_text': {
      const max = q.maxLength ?? (q.type === 'text' ? SHORT_TEXT_MAX : TEXT_MAX);
      const text = values.join('\n');
      return text.length > max ? { issue: { key: 'validation.too_long', params: { max } } } : { value: text };
    }
    case 'note':
      return {};
  }
}

/**
 * Validates a whole response; returns the clean answers or the issues keyed by question id. The questionnaire must
 * not be modified afterwards (what checking needs of it is kept per object).
 */
export function checkAnswers(form: Questionnaire, raw: RawAnswers): { answers: Answers; issues: Record<string, FieldIssue> } {
  const conds = conditions(form);
  const plan = planOf(form);
  const answers: Answers = {};
  const issues: Record<string, FieldIssue> = {};
  for (const q of plan.questions) {
    const cond = conds.get(q.id);
    if (cond && !evalExpr(cond, answers as Record<string, AnswerValue>)) continue;
    const r = checkOne(plan, q, raw[q.id]);
    if (r.issue) issues[q.id] = r.issue;
    else if (r.value !== undefined) answers[q.id] = r.value;
  }
  return { answers, issues };
}

/** Which questions are shown given the answers so far (for the one-question-at-a-time form). */
export function visibleQuestions(form: Questionnaire, answers: Answers): Question[] {
  const conds = conditions(form);
  return questionsOf(form).filter((q) => {
    const c = conds.get(q.id);
    return !c || evalExpr(c, answers as Record<string, AnswerValue>);
  });
}
