// Login attempts, kept to throttle guessing per account and per client (`ip` holds core/client-key.ts's key: an IPv4
// address or an IPv6 /64).
import type { Q } from '../tx.ts';

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_CLIENT = 20;

export async function recordAttempt(q: Q, username: string, client: string, success: boolean, at: string) {
  await q.insertInto('login_attempts').values({ username, ip: client, success: success ? 1 : 0, at }).execute();
}

/**
 * Failures in the window for this account (since its last success) and for this client, each with when the oldest
 * of them leaves the window (when a refused login may try again, as Retry-After).
 */
export async function recentFailures(q: Q, username: string, client: string, now: Date) {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString();
  const lastOk = await q
    .selectFrom('login_attempts').select('at')
    .where('username', '=', username).where('success', '=', 1).where('at', '>=', since)
    .orderBy('at', 'desc').limit(1).executeTakeFirst();
  const accountSince = lastOk && lastOk.at > since ? lastOk.at : since;
  const [account, byClient] = await Promise.all([
    q.selectFrom('login_attempts').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('oldest')])
      .where('username', '=', username).where('success', '=', 0).where('at', '>', accountSince).executeTakeFirstOrThrow(),
    q.selectFrom('login_attempts').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('oldest')])
      .where('ip', '=', client).where('success', '=', 0).where('at', '>=', since).executeTakeFirstOrThrow(),
  ]);
  const freeAt = (oldest: string | null) => (oldest ? new Date(oldest).getTime() + THROTTLE_WINDOW_MS : now.getTime());
  return { account: Number(account.n), client: Number(byClient.n), accountFreeAt: freeAt(account.oldest), clientFreeAt: freeAt(byClient.oldest) };
}

export async function purgeOldAttempts(q: Q, now: Date) {
  const cutoff = new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000).toISOString();
  await q.deleteFrom('login_attempts').where('at', '<', cutoff).execute();
}
