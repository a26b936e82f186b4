// Results of a campaign for a set of units, from the roll-up counts: response totals, the distribution
// and % satisfied (with its denominator and Wilson interval) per criterion. Pure: the rows come from SQL.
import { distributionFromCounts, satisfaction, type Proportion } from './stats.ts';
import { questionsOf, scaleOf, type Questionnaire, type LocalText } from './questionnaire.ts';

export interface CountRow {
  unit_id: number;
  question_id: string;
  value: string;
  n: number;
}
export interface TotalRow {
  unit_id: number;
  channel: string;
  status: string;
  n: number;
}

export interface CriterionResult extends Proportion {
  id: string;
  label: LocalText;
  levels: { code: string; label: LocalText; n: number; satisfied: boolean }[];
  noOpinion: number;
}

export interface Totals {
  valid: number;
  invalid: number;
  byChannel: Record<string, number>;
}

export function totalsOf(rows: TotalRow[], units: Set<number>): Totals {
  const t: Totals = { valid: 0, invalid: 0, byChannel: {} };
  for (const r of rows) {
    if (!units.has(r.unit_id)) continue;
    if (r.status === 'valid') t.valid += r.n;
    else t.invalid += r.n;
    t.byChannel[r.channel] = (t.byChannel[r.channel] ?? 0) + r.n;
  }
  return t;
}

/** Per criterion (rating questions marked as criteria, or every rating question if none is marked). */
export function criteriaOf(form: Questionnaire, rows: CountRow[], units: Set<number>): CriterionResult[] {
  const ratings = questionsOf(form).filter((q) => q.type === 'rating');
  const criteria = ratings.some((q) => q.criterion) ? ratings.filter((q) => q.criterion) : ratings;
  const byQuestion = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (!units.has(r.unit_id)) continue;
    const m = byQuestion.get(r.question_id) ?? new Map<string, number>();
    m.set(r.value, (m.get(r.value) ?? 0) + r.n);
    byQuestion.set(r.question_id, m);
  }
  return criteria.map((q) => {
    const scale = scaleOf(form, q)!;
    const counts = byQuestion.get(q.id) ?? new Map<string, number>();
    const d = distributionFromCounts(counts, scale.levels.map((l) => l.code), scale.noOpinion?.code ?? null);
    return {
      id: q.id, label: q.label,
      levels: scale.levels.map((l) => ({ code: l.code, label: l.label, n: d.counts[l.code] ?? 0, satisfied: scale.satisfied.includes(l.code) })),
      noOpinion: d.noOpinion,
      ...satisfaction(d, scale.satisfied),
    };
  });
}

/**
 * The headline: the criterion the questionnaire marks as such (one answer per form, so its Wilson interval is
 * honest); null when none is marked. Pooling all criteria is not a headline: each person gives several answers.
 */
export function headlineOf(form: Questionnaire, criteria: CriterionResult[]): CriterionResult | null {
  const q = questionsOf(form).find((x) => x.headline && x.type === 'rating');
  return (q && criteria.find((c) => c.id === q.id)) ?? null;
}

/** % satisfied over all criteria answers together (ratings, not forms: shown as such, without an interval). */
export function overall(criteria: CriterionResult[]) {
  const satisfied = criteria.reduce((a, c) => a + c.satisfied, 0);
  const denominator = criteria.reduce((a, c) => a + c.denominator, 0);
  return { satisfied, denominator, share: denominator ? satisfied / denominator : null };
}
