// Revision counters: cheap to read on every request, bumped by writes that invalidate cached scopes.
import { sql } from 'kysely';
import type { Q } from '../tx.ts';

export type RevisionName = 'access';

export async function bumpRevision(q: Q, name: RevisionName): Promise<void> {
  await sql`insert into revisions (name, value) values (${name}, 1)
            on conflict (name) do update set value = revisions.value + 1`.execute(q);
}

export async function readRevision(q: Q, name: RevisionName): Promise<number> {
  const row = await q.selectFrom('revisions').select('value').where('name', '=', name).executeTakeFirst();
  return row?.value ?? 0;
}
