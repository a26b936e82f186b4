// A paper form cannot hide a conditional question, so it prints its condition in words:
// ${da_lam_viec} = 'co'  ->  "Chỉ trả lời nếu ở câu 1 đã chọn “Có”."
import type { Questionnaire, Question } from '../../core/surveys/questionnaire.ts';
import { questionsOf, scaleOf } from '../../core/surveys/questionnaire.ts';
import { parseExpr, type Expr } from '../../core/surveys/expr.ts';

const NUMBER_WORDS: Record<string, (n: string) => string> = {
  '<': (n) => `nhỏ hơn ${n}`, '<=': (n) => `từ ${n} trở xuống`, '>': (n) => `lớn hơn ${n}`, '>=': (n) => `từ ${n} trở lên`,
};
const NEGATE = { '=': '!=', '!=': '=', '<': '>=', '<=': '>', '>': '<=', '>=': '<' } as const;
const FLIP = { '=': '=', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const;

/** Words for one condition; `numbers` gives each question's printed number. */
export function conditionInWords(q: Questionnaire, relevant: string, numbers: ReadonlyMap<string, number>): string {
  const byId = new Map(questionsOf(q).map((x) => [x.id, x]));
  const ref = (name: string) => {
    const n = numbers.get(name);
    return n ? `câu ${n}` : `“${name}”`;
  };
  const label = (question: Question | undefined, value: string | number): string => {
    const v = String(value);
    const scale = question ? scaleOf(q, question) : undefined;
    const found = question?.choices?.find((c) => c.code === v)
      ?? scale?.levels.find((c) => c.code === v) ?? (scale?.noOpinion?.code === v ? scale.noOpinion : undefined);
    return found ? `“${found.label.vi}”` : `“${v}”`;
  };
  // `parent`: the operator around e; and/or inside a different one get parentheses.
  const words = (e: Expr, parent?: string): string => {
    switch (e.op) {
      case 'ref': return `${ref(e.name)} có trả lời`;
      case 'lit': return `“${e.value}”`;
      case 'selected': return `ở ${ref(e.name)} có chọn ${label(byId.get(e.name), e.value)}`;
      case 'not':
        // A negated comparison or choice reads better turned round: not(${a} < 30) -> "câu 2 ghi số từ 30 trở lên".
        if (e.arg.op === 'cmp') return words({ ...e.arg, cmp: NEGATE[e.arg.cmp] }, parent);
        if (e.arg.op === 'selected') return `ở ${ref(e.arg.name)} không chọn ${label(byId.get(e.arg.name), e.arg.value)}`;
        return `không phải là: ${words(e.arg, 'not')}`;
      case 'and': case 'or': {
        const s = `${words(e.left, e.op)} ${e.op === 'and' ? 'và' : 'hoặc'} ${words(e.right, e.op)}`;
        return parent && parent !== e.op ? `(${s})` : s;
      }
      case 'cmp': {
        const [r, lit, cmp] = e.left.op === 'ref' && e.right.op === 'lit' ? [e.left, e.right, e.cmp]
          : e.right.op === 'ref' && e.left.op === 'lit' ? [e.right, e.left, FLIP[e.cmp]] : [null, null, e.cmp];
        if (!r || !lit) return `${words(e.left, 'cmp')} ${e.cmp} ${words(e.right, 'cmp')}`;
        const question = byId.get(r.name);
        if (question && (question.choices || question.type === 'rating') && (cmp === '=' || cmp === '!=')) {
          return `ở ${ref(r.name)} ${cmp === '=' ? 'đã chọn' : 'không chọn'} ${label(question, lit.value)}`;
        }
        const value = typeof lit.value === 'number' ? String(lit.value).replace('.', ',') : `“${lit.value}”`;
        if (cmp === '=') return `${ref(r.name)} ghi ${value}`;
        if (cmp === '!=') return `${ref(r.name)} không ghi ${value}`;
        return `${ref(r.name)} ghi số ${NUMBER_WORDS[cmp]!(value)}`;
      }
    }
  };
  return `Chỉ trả lời nếu ${words(parseExpr(relevant))}.`;
}
