// Account management by admins in their subtree: create, edit, disable, reset password.
import { errors } from '../../core/errors.ts';
import { nowIso } from '../../core/dates.ts';
import { passwordProblem } from '../../core/password.ts';
import { personSortKey } from '../../core/collate.ts';
import { userPolicy } from '../../core/policy/users.ts';
import { inTx } from '../../db/tx.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { deleteUserSessions } from '../../db/repos/sessions.ts';
import { findUserById, findUserByUsername, insertGrant } from '../../db/repos/users.ts';
import { bumpRevision } from '../../db/repos/revisions.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { ActorContext, CommandContext } from '../context.ts';
import type { Actor, Role } from '../../core/roles.ts';
import { publicUser } from './present.ts';

export interface UserFields {
  fullName: string;
  phone: string | null;
  email: string | null;
  unitId: number;
}

/** Loads a user the actor may act on: 404 when outside what the actor may see, 403 when visible but not theirs to change. */
export async function loadUserInScope(ctx: ActorContext, id: number, action: 'read' | 'update' | 'resetPassword' | 'grant') {
  const user = await findUserById(ctx.database.db, id);
  if (!user || !userPolicy.can(ctx.actor, 'read', user.unit_id)) throw errors.notFound();
  if (!userPolicy.can(ctx.actor, action, user.unit_id)) throw errors.forbidden();
  return user;
}

/**
 * Creates an account. From the console the actor must be admin of the home unit and the password is
 * temporary; the CLI and the demo seed (no actor) set a final password and may add grants at once.
 */
export async function createUser(
  ctx: CommandContext & { actor?: Actor },
  input: UserFields & { username: string; password: string },
  opts: { grants?: { unitId: number; role: Role }[] } = {},
) {
  if (ctx.actor && !userPolicy.can(ctx.actor, 'create', input.unitId)) throw errors.field('unitId', 'unit.not_found');
  const username = input.username.toLowerCase();
  const problem = passwordProblem(input.password, username);
  if (problem) throw errors.validation({ password: problem });
  if (await findUserByUsername(ctx.database.db, username)) {
    throw errors.conflict('duplicate_username', { username: { key: 'user.username_taken' } });
  }
  const passwordHash = await hashPassword(input.password);
  return inTx(ctx.database, async (trx, engine) => {
    const now = nowIso();
    const row = await trx
      .insertInto('users')
      .values({
        username, full_name: input.fullName, sort_key: personSortKey(input.fullName), phone: input.phone, email: input.email, unit_id: input.unitId,
        password_hash: passwordHash, must_change_password: ctx.actor ? 1 : 0, disabled: 0, created_at: now, updated_at: now,
      })
      .onConflict((oc) => oc.column('username').doNothing())
      .returningAll()
      .executeTakeFirst();
    // A concurrent create of the same username loses here rather than with a 500.
    if (!row) throw errors.conflict('duplicate_username', { username: { key: 'user.username_taken' } });
    const user = publicUser(row);
    await appendAudit(trx, engine, ctx.audit, { action: 'user.create', entityType: 'user', entityId: row.id, unitId: row.unit_id, after: user });
    for (const g of opts.grants ?? []) {
      const grantId = await insertGrant(trx, row.id, g.unitId, g.role, now);
      await appendAudit(trx, engine, ctx.audit, { action: 'grant.create', entityType: 'grant', entityId: grantId, unitId: row.unit_id, after: { userId: row.id, ...g } });
    }
    if (opts.grants?.length) await bumpRevision(trx, 'access');
    return user;
  });
}

export async function updateUser(ctx: ActorContext, id: number, patch: Partial<UserFields & { disabled: boolean }>) {
  const before = await loadUserInScope(ctx, id, 'update');
  if (patch.unitId !== undefined && !userPolicy.can(ctx.actor, 'update', patch.unitId)) {
    throw errors.field('unitId', 'unit.not_found');
  }
  if (patch.disabled && id === ctx.actor.userId) throw errors.field('disabled', 'user.cannot_disable_self');
  const current = publicUser(before);
  const changed = (Object.keys(patch) as (keyof typeof patch)[]).some((k) => patch[k] !== undefined && patch[k] !== current[k]);
  // Nothing to change writes nothing, not even an audit event.
  if (!changed) return current;
  return inTx(ctx.database, async (trx, engine) => {
    const row = await trx
      .updateTable('users')
      .set({
        ...(patch.fullName !== undefined && { full_name: patch.fullName, sort_key: personSortKey(patch.fullName) }),
        ...(patch.phone !== undefined && { phone: patch.phone }),
        ...(patch.email !== undefined && { email: patch.email }),
        ...(patch.unitId !== undefined && { unit_id: patch.unitId }),
        ...(patch.disabled !== undefined && { disabled: patch.disabled ? 1 : 0 }),
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (patch.disabled) await deleteUserSessions(trx, id);
    if (patch.unitId !== undefined || patch.disabled !== undefined) await bumpRevision(trx, 'access');
    const after = publicUser(row);
    await appendAudit(trx, engine, ctx.audit, {
      action: 'user.update', entityType: 'user', entityId: id, unitId: row.unit_id, before: publicUser(before), after,
    });
    return after;
  });
}

/** An admin sets a temporary password; the user must change it at next login and all sessions end. */
export async function resetPassword(ctx: ActorContext, id: number, password: string) {
  const user = await loadUserInScope(ctx, id, 'resetPassword');
  const problem = passwordProblem(password, user.username);
  if (problem) throw errors.validation({ password: problem });
  const passwordHash = await hashPassword(password);
  await inTx(ctx.database, async (trx, engine) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, must_change_password: 1, updated_at: nowIso() }).where('id', '=', id).execute();
    await deleteUserSessions(trx, id);
    await appendAudit(trx, engine, ctx.audit, { action: 'user.password_reset', entityType: 'user', entityId: id, unitId: user.unit_id });
  });
}

/** The user changes their own password; other sessions end, this one stays. */
export async function changeOwnPassword(
  ctx: ActorContext, sessionId: string, current: string, next: string, verify: (hash: string, pw: string) => Promise<boolean>,
) {
  const user = await findUserById(ctx.database.db, ctx.actor.userId);
  if (!user) throw errors.notFound();
  if (!(await verify(user.password_hash, current))) throw errors.field('currentPassword', 'password.wrong_current');
  const problem = passwordProblem(next, user.username);
  if (problem) throw errors.validation({ newPassword: problem });
  if (current === next) throw errors.field('newPassword', 'password.same_as_current');
  const passwordHash = await hashPassword(next);
  await inTx(ctx.database, async (trx, engine) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, must_change_password: 0, updated_at: nowIso() }).where('id', '=', user.id).execute();
    await deleteUserSessions(trx, user.id, sessionId);
    await appendAudit(trx, engine, ctx.audit, { action: 'user.password_change', entityType: 'user', entityId: user.id, unitId: user.unit_id });
  });
}


/** Reading someone's phone or email is access to personal data: it is logged like a change. */
export async function logContactView(ctx: ActorContext, userId: number, unitId: number) {
  await inTx(ctx.database, (trx, engine) =>
    appendAudit(trx, engine, ctx.audit, { action: 'user.contact_view', entityType: 'user', entityId: userId, unitId }));
}
