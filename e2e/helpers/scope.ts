// What each persona should see, computed from the database (grants and the unit graph), not from the
// API's own presenter: the units alive on a date whose id lies in the closure of one of the user's grants.
import type { TreeNode } from '../../src/core/units/graph.ts';
import { todayVN } from '../../src/core/dates.ts';
import type { E2EServer } from './server.ts';

export interface ExpectedUnit {
  code: string;
  name: string;
  level: string;
  /** No ancestor is visible, so the tree shows it at the top. */
  root: boolean;
}

export async function expectedUnits(server: E2EServer, username: string, date: string): Promise<ExpectedUnit[]> {
  const db = server.database.db;
  const user = await db.selectFrom('users').select(['id']).where('username', '=', username).executeTakeFirstOrThrow();
  const grants = await db.selectFrom('grants').select(['unit_id']).where('user_id', '=', user.id).execute();
  const graph = await server.services.access.unitGraph();
  const scope = new Set<number>();
  for (const g of grants) for (const id of graph.scopeOf(g.unit_id, todayVN())) scope.add(id);
  const out: ExpectedUnit[] = [];
  const visit = (n: TreeNode, ancestorVisible: boolean) => {
    const visible = scope.has(n.id);
    if (visible) out.push({ code: n.code, name: n.name, level: n.level, root: !ancestorVisible });
    for (const c of n.children) visit(c, visible || ancestorVisible);
  };
  for (const r of graph.treeAsOf(date)) visit(r, false);
  return out;
}
