// People are listed in Vietnamese order (by given name): a sort key computed in core/collate.ts.
import type { Kysely } from 'kysely';
import { personSortKey } from '../../core/collate.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('sort_key', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.createIndex('users_unit_sort').on('users').columns(['unit_id', 'sort_key']).execute();
  const q = db as unknown as Kysely<{ users: { id: number; full_name: string; sort_key: string } }>;
  for (const u of await q.selectFrom('users').select(['id', 'full_name']).execute()) {
    await q.updateTable('users').set({ sort_key: personSortKey(u.full_name) }).where('id', '=', u.id).execute();
  }
}
