// Which units the signed-in user may organise surveys for. /api/auth/me has no survey permission yet, so
// this reads the grants against the roles of src/core/policy/surveys.ts `manage`; the server still decides.
import type { Me, Role } from '../types.ts';

const MANAGE: Role[] = ['admin', 'leader', 'officer'];

/** The units of the user's managing grants (each reaches its subtree), first grant first, no repeats. */
export function managedUnits(me: Me): { unitId: number; unitName: string | null }[] {
  const out = new Map<number, { unitId: number; unitName: string | null }>();
  for (const g of me.grants) if (MANAGE.includes(g.role) && !out.has(g.unitId)) out.set(g.unitId, { unitId: g.unitId, unitName: g.unitName });
  return [...out.values()];
}
