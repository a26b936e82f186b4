// Hot-path queries compiled once: Kysely builds and compiles a query on every call (about half the cost
// of a one-row read on SQLite). `prepared` compiles with placeholder values, remembers where each
// argument lands among the bind parameters, and afterwards only binds. Arguments must reach the SQL as
// plain bind parameters (no transformation inside build).
import { CompiledQuery, type Compilable } from 'kysely';
import type { Q } from './tx.ts';

type Slot = { arg: number } | { value: unknown };

export function prepared<A extends unknown[], R>(build: (q: Q, ...args: A) => Compilable<R>) {
  const cache = new WeakMap<object, { sql: string; slots: Slot[] }>();
  return async (q: Q, ...args: A): Promise<R[]> => {
    let plan = cache.get(q);
    if (!plan) {
      const markers = args.map((_, i) => `\u0000arg${i}\u0000`);
      const compiled = build(q, ...(markers as A)).compile();
      const slots = compiled.parameters.map((p): Slot => {
        const i = markers.indexOf(p as string);
        return i >= 0 ? { arg: i } : { value: p };
      });
      if (slots.filter((s) => 'arg' in s).length !== args.length) throw new Error('prepared: every argument must be a bind parameter');
      plan = { sql: compiled.sql, slots };
      cache.set(q, plan);
    }
    const params = plan.slots.map((s) => ('arg' in s ? args[s.arg] : s.value));
    return (await q.executeQuery<R>(CompiledQuery.raw(plan.sql, params))).rows;
  };
}
