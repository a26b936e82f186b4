// A condition in words, for paper forms and pages without JavaScript: "Trả lời nếu: «Câu hỏi» là «Có»".
import type { Expr } from './expr.ts';
import { questionsOf, type Questionnaire } from './questionnaire.ts';

type Lang = 'vi' | 'en';
const WORDS = {
  vi: { and: 'và', or: 'hoặc', not: 'không phải', is: 'là', isNot: 'không là', includes: 'có chọn', unanswered: '(chưa trả lời)' },
  en: { and: 'and', or: 'or', not: 'not', is: 'is', isNot: 'is not', includes: 'includes', unanswered: '(unanswered)' },
};

export function describeExpr(form: Questionnaire, e: Expr, lang: Lang): string {
  const w = WORDS[lang];
  const question = (id: string) => questionsOf(form).find((q) => q.id === id);
  const label = (id: string) => {
    const q = question(id);
    return `«${q ? (q.label[lang] ?? q.label.vi) : id}»`;
  };
  const choiceLabel = (id: string, code: string | number) => {
    const q = question(id);
    const scale = q?.scale ? form.scales.find((s) => s.id === q.scale) : undefined;
    const c = [...(q?.choices ?? []), ...(scale?.levels ?? [])].find((x) => x.code === String(code));
    return `«${c ? (c.label[lang] ?? c.label.vi) : String(code)}»`;
  };
  const go = (x: Expr): string => {
    switch (x.op) {
      case 'and': case 'or': return `${go(x.left)} ${w[x.op]} ${go(x.right)}`;
      case 'not': return `${w.not} (${go(x.arg)})`;
      case 'selected': return `${label(x.name)} ${w.includes} ${choiceLabel(x.name, x.value)}`;
      case 'ref': return label(x.name);
      case 'lit': return String(x.value);
      case 'cmp': {
        if (x.left.op === 'ref' && x.right.op === 'lit' && (x.cmp === '=' || x.cmp === '!=')) {
          return `${label(x.left.name)} ${x.cmp === '=' ? w.is : w.isNot} ${choiceLabel(x.left.name, x.right.value)}`;
        }
        return `${go(x.left)} ${x.cmp} ${go(x.right)}`;
      }
    }
  };
  return go(e);
}
