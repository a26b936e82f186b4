// Revision counters: cheap to read on every request, bumped by writes that invalidate cached scopes.
import { sql } from 'kysely';
import type { Q } from '../tx.ts';
import { prepared } from '../prepared.ts';

export type RevisionName = 'access';

export async function bumpRevision(q: Q, name: RevisionName): Promise<void> {
  await sql`insert into revisions (name, value) values (${name}, 1)
            on conflict (name) do update set value = revisions.value + 1`.execute(q);
}

// Read by every public request that needs the unit graph (AccessCache.unitGraph), so compiled once.
const revisionRow = prepared((q: Q, name: RevisionName) => q.selectFrom('revisions').select('value').where('name', '=', name));

export async function readRevision(q: Q, name: RevisionName): Promise<number> {
  const [row] = await revisionRow(q, name);
  return row?.value ?? 0;
}
