// A questionnaire: sections of questions, with scales that say which levels count as satisfied.
// Stored as JSON in a published, immutable version; checked here before it is saved.
import type { FieldIssue } from '../errors.ts';
import { parseExpr, refsOf, ExprError, type Expr } from './expr.ts';

/** Text in Vietnamese, optionally in English. */
export interface LocalText {
  vi: string;
  en?: string;
}

export type QuestionType = 'single' | 'multiple' | 'rating' | 'text' | 'long_text' | 'integer' | 'decimal' | 'note';

export interface Choice {
  code: string;
  label: LocalText;
}

export interface Scale {
  id: string;
  /** Levels from best to worst; 3, 4 or 5 of them. */
  levels: Choice[];
  /** Codes of the levels counted as satisfied. */
  satisfied: string[];
  /** "No opinion / not applicable": shown, recorded, left out of denominators. */
  noOpinion: Choice | null;
}

export interface Question {
  id: string;
  type: QuestionType;
  label: LocalText;
  hint?: LocalText;
  required: boolean;
  /** single / multiple. */
  choices?: Choice[];
  /** rating: the scale's id. */
  scale?: string;
  /** A satisfaction criterion: counted in the results by criterion. */
  criterion?: boolean;
  /** The headline criterion (e.g. overall satisfaction): the one figure per unit, with its interval, over forms. */
  headline?: boolean;
  /** A demographic question: used for breakdowns (with small cells hidden). */
  demographic?: boolean;
  /** XLSForm-style condition, e.g. ${q1} = 'yes'. */
  relevant?: string;
  min?: number;
  max?: number;
  maxLength?: number;
}

export interface Section {
  id: string;
  title: LocalText;
  questions: Question[];
}

export interface Questionnaire {
  title: LocalText;
  intro?: LocalText;
  scales: Scale[];
  sections: Section[];
}

export const QUESTION_TYPES: readonly QuestionType[] = ['single', 'multiple', 'rating', 'text', 'long_text', 'integer', 'decimal', 'note'];
/** Question and scale ids (also XLSForm names). */
export const ID = /^[A-Za-z_][A-Za-z0-9_]{0,39}$/;
/** Answer codes of choices and scale levels. */
export const CODE = /^[A-Za-z0-9_.-]{1,20}$/;

export function questionsOf(q: Questionnaire): Question[] {
  return q.sections.flatMap((s) => s.questions);
}

export function scaleOf(q: Questionnaire, question: Question): Scale | undefined {
  return q.scales.find((s) => s.id === question.scale);
}

// Parsed once per questionnaire object: every submission checks its answers against them.
const parsedConditions = new WeakMap<Questionnaire, Map<string, Expr>>();

/** Parsed conditions by question id (only questions that have one). Do not modify the questionnaire afterwards. */
export function conditions(q: Questionnaire): Map<string, Expr> {
  const cached = parsedConditions.get(q);
  if (cached) return cached;
  const out = new Map<string, Expr>();
  for (const question of questionsOf(q)) if (question.relevant) out.set(question.id, parseExpr(question.relevant));
  parsedConditions.set(q, out);
  return out;
}

/**
 * Checks a questionnaire's structure; issues are keyed by a path such as `sections.0.questions.2.relevant`.
 * A condition may only refer to questions that come before it.
 */
export function checkQuestionnaire(q: Questionnaire): Record<string, FieldIssue> {
  const issues: Record<string, FieldIssue> = {};
  if (!q.title?.vi?.trim()) issues['title.vi'] = { key: 'validation.required' };
  const scaleIds = new Set<string>();
  q.scales.forEach((s, i) => {
    const at = `scales.${i}`;
    if (!ID.test(s.id) || scaleIds.has(s.id)) issues[`${at}.id`] = { key: 'survey.bad_id' };
    scaleIds.add(s.id);
    if (s.levels.length < 3 || s.levels.length > 5) issues[`${at}.levels`] = { key: 'survey.scale_levels' };
    const codes = new Set(s.levels.map((l) => l.code));
    if (codes.size !== s.levels.length || s.levels.some((l) => !CODE.test(l.code))) issues[`${at}.levels`] = { key: 'survey.bad_codes' };
    if (!s.satisfied.length || s.satisfied.some((c) => !codes.has(c))) issues[`${at}.satisfied`] = { key: 'survey.satisfied_levels' };
    if (s.noOpinion && codes.has(s.noOpinion.code)) issues[`${at}.noOpinion`] = { key: 'survey.bad_codes' };
  });
  const seen = new Set<string>();
  if (!q.sections.length) issues.sections = { key: 'validation.required' };
  q.sections.forEach((section, si) => {
    if (!section.title?.vi?.trim()) issues[`sections.${si}.title.vi`] = { key: 'validation.required' };
    section.questions.forEach((question, qi) => {
      const at = `sections.${si}.questions.${qi}`;
      if (!ID.test(question.id) || seen.has(question.id)) issues[`${at}.id`] = { key: 'survey.bad_id' };
      if (!QUESTION_TYPES.includes(question.type)) issues[`${at}.type`] = { key: 'survey.bad_type' };
      if (!question.label?.vi?.trim()) issues[`${at}.label.vi`] = { key: 'validation.required' };
      if (question.type === 'single' || question.type === 'multiple') {
        const codes = (question.choices ?? []).map((c) => c.code);
        if (codes.length < 2) issues[`${at}.choices`] = { key: 'survey.choices_needed' };
        else if (new Set(codes).size !== codes.length || codes.some((c) => !CODE.test(c))) issues[`${at}.choices`] = { key: 'survey.bad_codes' };
      }
      if (question.type === 'rating' && !scaleIds.has(question.scale ?? '')) issues[`${at}.scale`] = { key: 'survey.unknown_scale' };
      if (question.relevant) {
        try {
          const missing = refsOf(parseExpr(question.relevant)).find((r) => !seen.has(r));
          if (missing) issues[`${at}.relevant`] = { key: 'survey.relevant_unknown', params: { name: missing } };
        } catch (err) {
          issues[`${at}.relevant`] = { key: err instanceof ExprError ? err.key : 'expr.unexpected', params: { at: err instanceof ExprError ? err.at + 1 : 1 } };
        }
      }
      seen.add(question.id);
    });
  });
  return issues;
}
