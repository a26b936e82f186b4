// Accounts and grants. Lists are always filtered by the unit ids the caller may see.
import type { Q } from '../tx.ts';
import type { Role } from '../schema.ts';

/** Columns safe to return: never the password hash. */
export const USER_PUBLIC = ['id', 'username', 'full_name', 'phone', 'email', 'unit_id', 'must_change_password', 'disabled', 'created_at', 'updated_at'] as const;

export async function findUserByUsername(q: Q, username: string) {
  return q.selectFrom('users').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
}

export async function findUserById(q: Q, id: number) {
  return q.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listUsers(q: Q, unitIds: number[], opts: { search?: string; limit: number; offset: number }) {
  if (!unitIds.length) return [];
  let query = q.selectFrom('users').select([...USER_PUBLIC]).where('unit_id', 'in', unitIds);
  if (opts.search) {
    const like = `%${opts.search.toLowerCase()}%`;
    query = query.where((eb) => eb.or([eb(eb.fn('lower', ['username']), 'like', like), eb(eb.fn('lower', ['full_name']), 'like', like)]));
  }
  return query.orderBy('sort_key').orderBy('username').limit(opts.limit).offset(opts.offset).execute();
}

export async function grantsOfUsers(q: Q, userIds: number[]) {
  if (!userIds.length) return [];
  return q.selectFrom('grants').select(['id', 'user_id', 'unit_id', 'role', 'created_at']).where('user_id', 'in', userIds).orderBy('id').execute();
}

export async function insertGrant(q: Q, userId: number, unitId: number, role: Role, at: string) {
  const { id } = await q.insertInto('grants').values({ user_id: userId, unit_id: unitId, role, created_at: at }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function findGrant(q: Q, id: number) {
  return q.selectFrom('grants').selectAll().where('id', '=', id).executeTakeFirst();
}
