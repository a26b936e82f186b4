// Demographic breakdowns with small cells hidden: a group with fewer valid responses than the campaign's
// minimum (10 by default) shows no figures at all, so nobody can be picked out of a small group.
import { criteriaOf, overall, type CountRow } from './results.ts';
import { questionsOf, type Questionnaire, type LocalText } from './questionnaire.ts';

export interface BreakdownGroup {
  code: string;
  label: LocalText;
  responses: number | null;
  suppressed: boolean;
  overall: { satisfied: number; denominator: number; share: number | null } | null;
  criteria: { id: string; share: number | null; denominator: number; low: number | null; high: number | null }[] | null;
}

export function breakdown(
  form: Questionnaire, demographic: string, minCell: number,
  sizes: { group: string; n: number }[], counts: { group: string; question_id: string; value: string; n: number }[],
): BreakdownGroup[] {
  const q = questionsOf(form).find((x) => x.id === demographic);
  const choices = q?.choices ?? [];
  return choices.map((c) => {
    const n = Number(sizes.find((s) => s.group === c.code)?.n ?? 0);
    if (n < minCell) return { code: c.code, label: c.label, responses: null, suppressed: true, overall: null, criteria: null };
    const rows: CountRow[] = counts.filter((r) => r.group === c.code).map((r) => ({ unit_id: 0, question_id: r.question_id, value: r.value, n: Number(r.n) }));
    const crit = criteriaOf(form, rows, new Set([0]));
    return {
      code: c.code, label: c.label, responses: n, suppressed: false, overall: overall(crit),
      criteria: crit.map((x) => ({ id: x.id, share: x.share, denominator: x.denominator, low: x.low, high: x.high })),
    };
  });
}
