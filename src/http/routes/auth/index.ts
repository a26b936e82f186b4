// Login, logout, who am I, change my password.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../../commands/context.ts';
import { login, logout } from '../../../commands/auth/login.ts';
import { changeOwnPassword } from '../../../commands/users/manage.ts';
import { verifyPassword } from '../../../commands/auth/passwords.ts';
import { publicUser } from '../../../commands/users/present.ts';
import { findUserById } from '../../../db/repos/users.ts';
import { unitPolicy } from '../../../core/policy/units.ts';
import { userPolicy } from '../../../core/policy/users.ts';
import { auditPolicy } from '../../../core/policy/audit.ts';
import { surveyPolicy } from '../../../core/policy/surveys.ts';
import { feedbackPolicy } from '../../../core/policy/feedback.ts';
import { workResultsPolicy } from '../../../core/policy/work-results.ts';
import { conferencePolicy } from '../../../core/policy/conferences.ts';
import { documentPolicy } from '../../../core/policy/documents.ts';
import { todayVN } from '../../../core/dates.ts';
import { AppError } from '../../../core/errors.ts';
import { parseWith } from '../../validate.ts';
import { requireActor, SESSION_COOKIE, setSessionCookie } from '../../plugins/auth.ts';

const LoginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});
const PasswordBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});

export function authRoutes(app: FastifyInstance, services: AppServices) {
  app.post('/api/auth/login', { config: { public: true } }, async (req, reply) => {
    const body = parseWith(LoginBody, req.body);
    const result = await login({ ...services, audit: { actor: null, ip: req.ip, userAgent: req.headers['user-agent'] ?? null } }, {
      ...body, ip: req.ip, userAgent: req.headers['user-agent'] ?? null,
    });
    setSessionCookie(req, reply, result.token);
    return { user: publicUser(result.user), csrfToken: result.csrf };
  });

  app.post('/api/auth/logout', { config: { allowPasswordChangeRequired: true } }, async (req, reply) => {
    const ctx = requireActor(req, services);
    await logout(ctx, ctx.sessionId, ctx.actor.unitId);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/auth/me', { config: { allowPasswordChangeRequired: true } }, async (req) => {
    const ctx = requireActor(req, services);
    const user = await findUserById(services.database.db, ctx.actor.userId);
    if (!user) throw new AppError('unauthenticated');
    const graph = await services.access.unitGraph(ctx.revision);
    const today = todayVN();
    const grants = ctx.actor.grants.map((g) => ({
      id: g.id, role: g.role, unitId: g.unitId, unitName: graph.nameOn(g.unitId, today) ?? null,
    }));
    return {
      user: publicUser(user),
      grants,
      csrfToken: req.auth!.csrfToken,
      can: {
        manageUnits: unitPolicy.unitIds(ctx.actor, 'update').length > 0,
        manageUsers: userPolicy.unitIds(ctx.actor, 'update').length > 0,
        readUsers: userPolicy.unitIds(ctx.actor, 'read').length > 0,
        readAudit: auditPolicy.unitIds(ctx.actor, 'read').length > 0,
        exportUnits: unitPolicy.unitIds(ctx.actor, 'export').length > 0,
        manageSurveys: surveyPolicy.unitIds(ctx.actor, 'manage').length > 0,
        enterSurveys: surveyPolicy.unitIds(ctx.actor, 'enter').length > 0,
        readFeedback: feedbackPolicy.unitIds(ctx.actor, 'read').length > 0,
        enterFeedback: feedbackPolicy.unitIds(ctx.actor, 'enter').length > 0,
        readWorkResults: workResultsPolicy.unitIds(ctx.actor, 'read').length > 0,
        enterWorkResults: workResultsPolicy.unitIds(ctx.actor, 'enter').length > 0,
        readConferences: conferencePolicy.unitIds(ctx.actor, 'read').length > 0,
        planConferences: conferencePolicy.unitIds(ctx.actor, 'plan').length > 0,
        readDocuments: documentPolicy.unitIds(ctx.actor, 'read').length > 0,
      },
    };
  });

  app.post('/api/auth/password', { config: { allowPasswordChangeRequired: true } }, async (req) => {
    const ctx = requireActor(req, services);
    const body = parseWith(PasswordBody, req.body);
    await changeOwnPassword(ctx, ctx.sessionId, body.currentPassword, body.newPassword, (h, p) => verifyPassword(h, p));
    return { ok: true };
  });
}
