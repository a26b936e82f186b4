// Accounts and grants, for admins (write) and leaders (read) within their subtree.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../../commands/context.ts';
import { createUser, loadUserInScope, logContactView, resetPassword, updateUser } from '../../../commands/users/manage.ts';
import { addGrant, removeGrant } from '../../../commands/users/grants.ts';
import { publicUser } from '../../../commands/users/present.ts';
import { errors } from '../../../core/errors.ts';
import { todayVN } from '../../../core/dates.ts';
import { ROLES, type Actor } from '../../../core/roles.ts';
import { userPolicy } from '../../../core/policy/users.ts';
import { grantsOfUsers, listUsers } from '../../../db/repos/users.ts';
import { parseWith } from '../../validate.ts';
import { requireActor } from '../../plugins/auth.ts';
import { Id, idOr404 } from '../units/schema.ts';

const phone = z.string().trim().regex(/^\+?[0-9 .-]{8,15}$/, { message: 'key:validation.phone' });
const optional = <T extends z.ZodType>(s: T) => z.union([z.literal('').transform(() => null), s]).nullish().transform((v) => v ?? null);

const UserFields = {
  fullName: z.string().trim().min(1).max(120).transform((s) => s.normalize('NFC')),
  phone: optional(phone),
  email: optional(z.string().trim().max(200).pipe(z.email())),
  unitId: Id,
};
const CreateBody = z.object({
  username: z.string().trim().regex(/^[a-zA-Z0-9._-]{3,64}$/, { message: 'key:user.username_format' }),
  password: z.string().min(1).max(200),
  ...UserFields,
}).strict();
const UpdateBody = z.object({
  fullName: UserFields.fullName.optional(),
  phone: UserFields.phone.optional(),
  email: UserFields.email.optional(),
  unitId: UserFields.unitId.optional(),
  disabled: z.boolean().optional(),
}).strict();
const ResetBody = z.object({ password: z.string().min(1).max(200) }).strict();
const GrantBody = z.object({ unitId: Id, role: z.enum(ROLES as [string, ...string[]]) }).strict();
const ListQuery = z.object({ search: z.string().max(100).optional(), page: z.coerce.number().int().min(1).max(10000).default(1), lang: z.string().optional() });
const GrantParams = z.object({ id: z.coerce.number().pipe(Id), grantId: z.coerce.number().pipe(Id) });

async function withGrants<U extends ReturnType<typeof publicUser>>(services: AppServices, actor: Actor, users: U[]) {
  const graph = await services.access.unitGraph();
  const today = todayVN();
  const name = (id: number) => graph.nameOn(id, today) ?? null;
  const grants = await grantsOfUsers(services.database.db, users.map((u) => u.id));
  return users.map((u) => ({
    ...u,
    unitName: name(u.unitId),
    grants: grants.filter((g) => g.user_id === u.id).map((g) => ({
      id: g.id, role: g.role, unitId: g.unit_id, unitName: name(g.unit_id),
      canRevoke: userPolicy.can(actor, 'grant', g.unit_id),
    })),
    allowed: userPolicy.allowed(actor, u.unitId),
  }));
}


export function userRoutes(app: FastifyInstance, services: AppServices) {
  app.get('/api/users', async (req) => {
    const ctx = requireActor(req, services);
    if (!userPolicy.unitIds(ctx.actor, 'read').length) throw errors.forbidden();
    const q = parseWith(ListQuery, req.query);
    const limit = 50;
    const rows = await listUsers(services.database.db, userPolicy.unitIds(ctx.actor, 'read'), { search: q.search, limit: limit + 1, offset: (q.page - 1) * limit });
    // Lists carry no contact details: those are personal data, shown one person at a time and logged.
    const users = rows.slice(0, limit).map((r) => ({ ...publicUser(r), phone: null, email: null, hasContact: !!(r.phone || r.email) }));
    return { users: await withGrants(services, ctx.actor, users), hasMore: rows.length > limit, page: q.page };
  });

  app.get('/api/users/:id', async (req) => {
    const ctx = requireActor(req, services);
    const user = await loadUserInScope(ctx, idOr404(req.params), 'read');
    if ((user.phone || user.email) && user.id !== ctx.actor.userId) await logContactView(ctx, user.id, user.unit_id);
    return (await withGrants(services, ctx.actor, [{ ...publicUser(user), hasContact: !!(user.phone || user.email) }]))[0];
  });

  app.post('/api/users', async (req, reply) => {
    const ctx = requireActor(req, services);
    if (!userPolicy.unitIds(ctx.actor, 'create').length) throw errors.forbidden();
    const body = parseWith(CreateBody, req.body);
    const user = await createUser(ctx, body);
    void reply.status(201);
    return (await withGrants(services, ctx.actor, [user]))[0];
  });

  app.patch('/api/users/:id', async (req) => {
    const ctx = requireActor(req, services);
    const id = idOr404(req.params);
    const body = parseWith(UpdateBody, req.body);
    const user = await updateUser(ctx, id, body);
    return (await withGrants(services, ctx.actor, [user]))[0];
  });

  app.post('/api/users/:id/password-reset', async (req) => {
    const ctx = requireActor(req, services);
    const id = idOr404(req.params);
    const body = parseWith(ResetBody, req.body);
    await resetPassword(ctx, id, body.password);
    return { ok: true };
  });

  app.post('/api/users/:id/grants', async (req, reply) => {
    const ctx = requireActor(req, services);
    const id = idOr404(req.params);
    const body = parseWith(GrantBody, req.body);
    const grant = await addGrant(ctx, id, body.unitId, body.role as (typeof ROLES)[number]);
    void reply.status(201);
    return grant;
  });

  app.delete('/api/users/:id/grants/:grantId', async (req) => {
    const ctx = requireActor(req, services);
    const p = GrantParams.safeParse(req.params);
    if (!p.success) throw errors.notFound();
    await removeGrant(ctx, p.data.id, p.data.grantId);
    return { ok: true };
  });
}
