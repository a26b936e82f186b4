// Granting and revoking roles: an admin may grant only on units inside their own admin scope.
import { errors } from '../../core/errors.ts';
import { nowIso } from '../../core/dates.ts';
import { userPolicy } from '../../core/policy/users.ts';
import type { Role } from '../../core/roles.ts';
import { inTx } from '../../db/tx.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { bumpRevision } from '../../db/repos/revisions.ts';
import { findGrant, insertGrant } from '../../db/repos/users.ts';
import type { ActorContext } from '../context.ts';
import { loadUserInScope } from './manage.ts';

export async function addGrant(ctx: ActorContext, userId: number, unitId: number, role: Role) {
  const user = await loadUserInScope(ctx, userId, 'grant');
  if (!userPolicy.can(ctx.actor, 'grant', unitId)) throw errors.field('unitId', 'unit.not_found');
  return inTx(ctx.database, async (trx, engine) => {
    const existing = await trx.selectFrom('grants').select('id')
      .where('user_id', '=', userId).where('unit_id', '=', unitId).where('role', '=', role).executeTakeFirst();
    if (existing) throw errors.conflict('conflict', { role: { key: 'grant.exists' } });
    const id = await insertGrant(trx, userId, unitId, role, nowIso());
    await bumpRevision(trx, 'access');
    const grant = { id, userId, unitId, role };
    await appendAudit(trx, engine, ctx.audit, { action: 'grant.create', entityType: 'grant', entityId: id, unitId: user.unit_id, after: grant });
    return grant;
  });
}

export async function removeGrant(ctx: ActorContext, userId: number, grantId: number) {
  const user = await loadUserInScope(ctx, userId, 'grant');
  const grant = await findGrant(ctx.database.db, grantId);
  if (!grant || grant.user_id !== userId || !userPolicy.can(ctx.actor, 'grant', grant.unit_id)) throw errors.notFound();
  if (userId === ctx.actor.userId && grant.role === 'admin') throw errors.field('grant', 'grant.cannot_remove_own_admin');
  await inTx(ctx.database, async (trx, engine) => {
    await trx.deleteFrom('grants').where('id', '=', grantId).execute();
    await bumpRevision(trx, 'access');
    await appendAudit(trx, engine, ctx.audit, {
      action: 'grant.delete', entityType: 'grant', entityId: grantId, unitId: user.unit_id,
      before: { id: grant.id, userId, unitId: grant.unit_id, role: grant.role },
    });
  });
}
