// Logging in and out: throttled per account and per client (an IPv4 address or an IPv6 /64: core/client-key.ts),
// every session start and end audited.
import { clientKey } from '../../core/client-key.ts';
import { AppError } from '../../core/errors.ts';
import { inTx } from '../../db/tx.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { findUserByUsername } from '../../db/repos/users.ts';
import { createSession, deleteSession } from '../../db/repos/sessions.ts';
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_CLIENT, recentFailures, recordAttempt } from '../../db/repos/login-attempts.ts';
import { verifyPassword } from './passwords.ts';
import type { CommandContext } from '../context.ts';

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
  userAgent: string | null;
}

/** Checks the password and opens a session; throws invalid_credentials without saying which part was wrong. */
export async function login(ctx: CommandContext, input: LoginInput) {
  const username = input.username.trim().toLowerCase();
  const { database } = ctx;
  const now = new Date();
  // The attempts are counted, and kept, per client: the session and the audit event keep the exact address.
  const client = clientKey(input.ip);
  const failures = await recentFailures(database.db, username, client, now);
  const waitS = (freeAt: number) => Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
  if (failures.client >= MAX_FAILURES_PER_CLIENT) throw new AppError('too_many_attempts', { retryAfterS: waitS(failures.clientFreeAt) });
  if (failures.account >= MAX_FAILURES_PER_ACCOUNT) throw new AppError('account_locked', { retryAfterS: waitS(failures.accountFreeAt) });

  const user = await findUserByUsername(database.db, username);
  const ok = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !ok || user.disabled) {
    await recordAttempt(database.db, username, client, false, now.toISOString());
    throw new AppError('invalid_credentials');
  }
  return inTx(database, async (trx, engine) => {
    await recordAttempt(trx, username, client, true, now.toISOString());
    const session = await createSession(trx, user.id, input.ip, input.userAgent);
    await appendAudit(trx, engine, { actor: { userId: user.id, username: user.username }, ip: input.ip, userAgent: input.userAgent }, {
      action: 'session.login', entityType: 'user', entityId: user.id, unitId: user.unit_id,
    });
    return { ...session, user };
  });
}

/** Ends the session. */
export async function logout(ctx: CommandContext, sessionId: string, unitId: number) {
  await inTx(ctx.database, async (trx, engine) => {
    await deleteSession(trx, sessionId);
    await appendAudit(trx, engine, ctx.audit, {
      action: 'session.logout', entityType: 'user', entityId: ctx.audit.actor?.userId ?? null, unitId,
    });
  });
}
