// Server-side sessions: the cookie carries a random token, the table keeps only its hash.
import { createHash, randomBytes } from 'node:crypto';
import type { Q } from '../tx.ts';
import { prepared } from '../prepared.ts';

export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, so reads stay reads. */
export const TOUCH_EVERY_MS = 60 * 1000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(q: Q, userId: number, ip: string | null, userAgent: string | null) {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const now = new Date();
  await q
    .insertInto('sessions')
    .values({
      id: hashToken(token), user_id: userId, csrf_token: csrf, created_at: now.toISOString(),
      last_seen_at: now.toISOString(), expires_at: new Date(now.getTime() + SESSION_MAX_MS).toISOString(),
      ip, user_agent: userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrf };
}

const sessionQuery = prepared((q: Q, id: string) =>
  q
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select((eb) => [
      's.id', 's.csrf_token', 's.last_seen_at', 's.expires_at', 's.user_id',
      'u.username', 'u.full_name', 'u.unit_id', 'u.disabled', 'u.must_change_password',
      eb.selectFrom('revisions').select('value').where('name', '=', 'access').as('revision'),
    ])
    .where('s.id', '=', id));

/** The session and its user with the access revision, in one query: the whole cost of authentication. */
export async function findSession(q: Q, token: string) {
  return (await sessionQuery(q, hashToken(token)))[0];
}

export async function touchSession(q: Q, id: string, at: string) {
  await q.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteSession(q: Q, id: string) {
  await q.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of a user (password change, reset, disabling), optionally keeping one. */
export async function deleteUserSessions(q: Q, userId: number, keepId?: string) {
  let d = q.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepId) d = d.where('id', '!=', keepId);
  await d.execute();
}

/** Expired sessions are removed now and then, not on the hot path. */
export async function purgeExpiredSessions(q: Q, now = new Date()) {
  const idleCutoff = new Date(now.getTime() - SESSION_IDLE_MS).toISOString();
  await q
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<', now.toISOString()), eb('last_seen_at', '<', idleCutoff)]))
    .execute();
}

/** Valid when neither the absolute nor the idle limit has passed. */
export function sessionAlive(s: { expires_at: string; last_seen_at: string }, now = Date.now()): boolean {
  return Date.parse(s.expires_at) > now && Date.parse(s.last_seen_at) + SESSION_IDLE_MS > now;
}
