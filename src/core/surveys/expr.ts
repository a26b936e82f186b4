// Conditional display ("show if ..."): the subset of XLSForm's `relevant` expressions we support —
// ${name} references, string and number literals, = != < <= > >=, and, or, not(...), selected(${q}, 'code'),
// and parentheses. Parsed once into a small tree, evaluated against the answers so far.

export type Expr =
  | { op: 'ref'; name: string }
  | { op: 'lit'; value: string | number }
  | { op: 'cmp'; cmp: '=' | '!=' | '<' | '<=' | '>' | '>='; left: Expr; right: Expr }
  | { op: 'and' | 'or'; left: Expr; right: Expr }
  | { op: 'not'; arg: Expr }
  | { op: 'selected'; name: string; value: string };

export type AnswerValue = string | number | string[] | null | undefined;

export class ExprError extends Error {
  constructor(readonly key: string, readonly at: number) {
    super(`${key} at ${at}`);
  }
}

type Token = { t: 'ref' | 'str' | 'num' | 'op' | 'word' | '(' | ')' | ','; v: string; at: number };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '$' && src[i + 1] === '{') {
      const end = src.indexOf('}', i);
      if (end < 0) throw new ExprError('expr.unclosed_ref', i);
      const name = src.slice(i + 2, end).trim();
      if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) throw new ExprError('expr.bad_name', i);
      out.push({ t: 'ref', v: name, at: i });
      i = end + 1;
    } else if (c === "'" || c === '"') {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new ExprError('expr.unclosed_string', i);
      out.push({ t: 'str', v: src.slice(i + 1, end), at: i });
      i = end + 1;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^-?[0-9]+(\.[0-9]+)?/.exec(src.slice(i))!;
      out.push({ t: 'num', v: m[0], at: i });
      i += m[0].length;
    } else if (/[=!<>]/.test(c)) {
      const two = src.slice(i, i + 2);
      const op = ['!=', '<=', '>='].includes(two) ? two : c;
      if (op === '!') throw new ExprError('expr.unexpected', i);
      out.push({ t: 'op', v: op, at: i });
      i += op.length;
    } else if (c === '(' || c === ')' || c === ',') {
      out.push({ t: c, v: c, at: i });
      i++;
    } else if (/[A-Za-z-]/.test(c)) {
      const m = /^[A-Za-z][A-Za-z-]*/.exec(src.slice(i))!;
      out.push({ t: 'word', v: m[0], at: i });
      i += m[0].length;
    } else {
      throw new ExprError('expr.unexpected', i);
    }
  }
  return out;
}

/** Parses an expression; throws ExprError (with an i18n key and position) on anything unsupported. */
export function parseExpr(src: string): Expr {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => {
    const t = tokens[pos++];
    if (!t) throw new ExprError('expr.unexpected_end', src.length);
    return t;
  };
  const expect = (t: Token['t']) => {
    const tok = next();
    if (tok.t !== t) throw new ExprError('expr.unexpected', tok.at);
    return tok;
  };
  const or = (): Expr => {
    let left = and();
    while (peek()?.t === 'word' && peek()!.v === 'or') { pos++; left = { op: 'or', left, right: and() }; }
    return left;
  };
  const and = (): Expr => {
    let left = cmp();
    while (peek()?.t === 'word' && peek()!.v === 'and') { pos++; left = { op: 'and', left, right: cmp() }; }
    return left;
  };
  const cmp = (): Expr => {
    const left = atom();
    const t = peek();
    if (t?.t === 'op') {
      pos++;
      return { op: 'cmp', cmp: t.v as '=', left, right: atom() };
    }
    return left;
  };
  const atom = (): Expr => {
    const t = next();
    if (t.t === 'ref') return { op: 'ref', name: t.v };
    if (t.t === 'str') return { op: 'lit', value: t.v };
    if (t.t === 'num') return { op: 'lit', value: Number(t.v) };
    if (t.t === '(') { const e = or(); expect(')'); return e; }
    if (t.t === 'word' && t.v === 'not') { expect('('); const arg = or(); expect(')'); return { op: 'not', arg }; }
    if (t.t === 'word' && t.v === 'selected') {
      expect('(');
      const ref = expect('ref');
      expect(',');
      const val = next();
      if (val.t !== 'str' && val.t !== 'num') throw new ExprError('expr.unexpected', val.at);
      expect(')');
      return { op: 'selected', name: ref.v, value: val.v };
    }
    throw new ExprError(t.t === 'word' ? 'expr.unsupported_function' : 'expr.unexpected', t.at);
  };
  const e = or();
  if (pos < tokens.length) throw new ExprError('expr.unexpected', tokens[pos]!.at);
  return e;
}

/** Names an expression refers to (to check they exist and come earlier). */
export function refsOf(e: Expr): string[] {
  switch (e.op) {
    case 'ref': case 'selected': return [e.name];
    case 'lit': return [];
    case 'not': return refsOf(e.arg);
    default: return [...refsOf(e.left), ...refsOf(e.right)];
  }
}

function valueOf(e: Expr, answers: Record<string, AnswerValue>): string | number | null {
  if (e.op === 'lit') return e.value;
  if (e.op === 'ref') {
    const v = answers[e.name];
    if (v === undefined || v === null || v === '') return null;
    return Array.isArray(v) ? v.join(' ') : v;
  }
  return evalExpr(e, answers) ? 1 : 0;
}

/** Evaluates as XLSForm does: an unanswered reference compares as empty (never equal to a value). */
export function evalExpr(e: Expr, answers: Record<string, AnswerValue>): boolean {
  switch (e.op) {
    case 'and': return evalExpr(e.left, answers) && evalExpr(e.right, answers);
    case 'or': return evalExpr(e.left, answers) || evalExpr(e.right, answers);
    case 'not': return !evalExpr(e.arg, answers);
    case 'selected': {
      const v = answers[e.name];
      return Array.isArray(v) ? v.includes(e.value) : v !== null && v !== undefined && String(v) === e.value;
    }
    case 'cmp': {
      const l = valueOf(e.left, answers);
      const r = valueOf(e.right, answers);
      if (e.cmp === '=') return l !== null && r !== null && String(l) === String(r);
      if (e.cmp === '!=') return !(l !== null && r !== null && String(l) === String(r));
      if (l === null || r === null) return false;
      const [a, b] = typeof l === 'number' || typeof r === 'number' ? [Number(l), Number(r)] : [l, r];
      return e.cmp === '<' ? a < b : e.cmp === '<=' ? a <= b : e.cmp === '>' ? a > b : a >= b;
    }
    default: return valueOf(e, answers) !== null;
  }
}

/** Writes an expression back in XLSForm syntax (for export). */
export function formatExpr(e: Expr): string {
  switch (e.op) {
    case 'ref': return `\${${e.name}}`;
    case 'lit': return typeof e.value === 'number' ? String(e.value) : `'${e.value}'`;
    case 'cmp': return `${formatExpr(e.left)} ${e.cmp} ${formatExpr(e.right)}`;
    case 'and': case 'or': return `(${formatExpr(e.left)} ${e.op} ${formatExpr(e.right)})`;
    case 'not': return `not(${formatExpr(e.arg)})`;
    case 'selected': return `selected(\${${e.name}}, '${e.value}')`;
  }
}
