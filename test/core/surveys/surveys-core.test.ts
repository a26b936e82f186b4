import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evalExpr, ExprError, formatExpr, parseExpr } from '../../../src/core/surveys/expr.ts';
import { distribution, proportion, sampleSize, satisfaction, wilson } from '../../../src/core/surveys/stats.ts';
import { checkAnswers, visibleQuestions } from '../../../src/core/surveys/answers.ts';
import { checkQuestionnaire } from '../../../src/core/surveys/questionnaire.ts';
import { defaultQuestionnaire } from '../../../src/core/surveys/template.ts';

describe('relevant expressions', () => {
  it('evaluates comparisons, and/or/not and selected() as XLSForm does', () => {
    const e = parseExpr("${a} = 'co' and (selected(${b}, 'x') or not(${n} < 18))");
    expect(evalExpr(e, { a: 'co', b: ['x'], n: 10 })).toBe(true);
    expect(evalExpr(e, { a: 'co', b: ['y'], n: 10 })).toBe(false);
    expect(evalExpr(e, { a: 'co', b: [], n: 20 })).toBe(true);
    expect(evalExpr(e, { a: 'khong', b: ['x'], n: 20 })).toBe(false);
    expect(evalExpr(parseExpr("${a} != 'co'"), {})).toBe(true);
    expect(evalExpr(parseExpr('${n} >= 2.5'), { n: '3' })).toBe(true);
  });
  it('refuses what it does not support, with a position', () => {
    expect(() => parseExpr('count-selected(${a}) > 1')).toThrow(ExprError);
    expect(() => parseExpr("${a} = 'x")).toThrow(/unclosed_string/);
    expect(() => parseExpr('${a} =')).toThrow(/unexpected_end/);
  });
  it('formats back to an expression that means the same (property)', () => {
    const leaf = fc.oneof(
      fc.record({ name: fc.constantFrom('a', 'b'), v: fc.constantFrom('x', 'y', '1') }).map(({ name, v }) => `\${${name}} = '${v}'`),
      fc.constantFrom("selected(${m}, 'x')", '${n} > 2', "${a} != 'y'"),
    );
    const expr = fc.letrec((tie) => ({ e: fc.oneof({ depthSize: 'small' }, leaf, fc.tuple(tie('e'), fc.constantFrom('and', 'or'), tie('e')).map(([l, o, r]) => `(${l} ${o} ${r})`), tie('e').map((x) => `not(${x})`)) })).e as fc.Arbitrary<string>;
    const answers = fc.record({ a: fc.constantFrom('x', 'y', '1'), b: fc.constantFrom('x', 'y'), m: fc.subarray(['x', 'y']), n: fc.integer({ min: 0, max: 4 }) });
    fc.assert(fc.property(expr, answers, (src, ans) => evalExpr(parseExpr(formatExpr(parseExpr(src))), ans) === evalExpr(parseExpr(src), ans)));
  });
});

describe('statistics', () => {
  it('computes % satisfied over valid answers only, with the denominator', () => {
    const d = distribution(['4', '3', '3', '2', '1', '9', '9', null, '4'], ['4', '3', '2', '1'], '9');
    expect(d).toEqual({ counts: { 4: 2, 3: 2, 2: 1, 1: 1 }, noOpinion: 2, blank: 1 });
    const p = satisfaction(d, ['4', '3']);
    expect(p.satisfied).toBe(4);
    expect(p.denominator).toBe(6);
    expect(p.share).toBeCloseTo(4 / 6, 12);
  });
  it('matches the Wilson interval computed by hand', () => {
    // 522 of 530: p = 0.98491; Wilson 95% = [0.97046, 0.99234] (by hand, z = 1.96).
    const w = wilson(522, 530)!;
    expect(w.low).toBeCloseTo(0.97046, 4);
    expect(w.high).toBeCloseTo(0.99234, 4);
    expect(wilson(0, 10)!.low).toBe(0);
    expect(wilson(0, 0)).toBeNull();
    expect(proportion(0, 0)).toEqual({ satisfied: 0, denominator: 0, share: null, low: null, high: null });
  });
  it('gives the SIPAS sample size n = N / (1 + N·e²)', () => {
    expect(sampleSize(10000)).toBe(385);
    expect(sampleSize(500)).toBe(223);
    expect(sampleSize(0)).toBe(0);
  });
});

describe('the default questionnaire', () => {
  const form = defaultQuestionnaire();
  it('is valid and has the nine criteria on a 4-level scale', () => {
    expect(checkQuestionnaire(form)).toEqual({});
    expect(form.sections.flatMap((s) => s.questions).filter((q) => q.criterion)).toHaveLength(9);
    expect(form.scales[0]!.satisfied).toEqual(['4', '3']);
  });
  it('checks answers: required ones, unknown codes, hidden questions dropped', () => {
    const all = Object.fromEntries(form.sections[1]!.questions.map((q) => [q.id, '4']));
    const ok = checkAnswers(form, { da_lam_viec: 'khong', ...all, gop_y: '  Cảm ơn  ' });
    expect(ok.issues).toEqual({});
    expect(ok.answers.tieu_chi_7).toBeUndefined();
    expect(ok.answers.gop_y).toBe('Cảm ơn');
    const bad = checkAnswers(form, { da_lam_viec: 'co', tieu_chi_1: '7', tieu_chi_2: ['4', '3'] });
    expect(bad.issues.tieu_chi_1).toEqual({ key: 'survey.unknown_choice' });
    expect(bad.issues.tieu_chi_2).toEqual({ key: 'survey.one_answer' });
    expect(bad.issues.tieu_chi_3).toEqual({ key: 'survey.answer_required' });
    expect(bad.issues.tieu_chi_7).toBeUndefined();
    expect(visibleQuestions(form, { da_lam_viec: 'co' }).map((q) => q.id)).toContain('tieu_chi_7');
  });
  it('reports a condition that refers to a later or unknown question', () => {
    const broken = defaultQuestionnaire();
    broken.sections[0]!.questions[0]!.relevant = "${tieu_chi_1} = '4'";
    expect(checkQuestionnaire(broken)).toEqual({ 'sections.0.questions.0.relevant': { key: 'survey.relevant_unknown', params: { name: 'tieu_chi_1' } } });
  });
});

describe('distribution from counts', () => {
  it('agrees with the tally of raw answers (property)', async () => {
    const { distributionFromCounts } = await import('../../../src/core/surveys/stats.ts');
    fc.assert(fc.property(fc.array(fc.constantFrom('4', '3', '2', '1', '9', 'x')), (answers) => {
      const counts = new Map<string, number>();
      for (const a of answers) counts.set(a, (counts.get(a) ?? 0) + 1);
      expect(distributionFromCounts(counts, ['4', '3', '2', '1'], '9')).toEqual(distribution(answers, ['4', '3', '2', '1'], '9'));
    }));
  });
});
