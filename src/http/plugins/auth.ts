// Sessions: the cookie names a server-side session; an authenticated request resolves its Actor
// (grants and the units they reach) from a per-revision cache. CSRF: state-changing API requests
// carry the session's token in X-CSRF-Token; requests without a session must come from our origin.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.ts';
import type { Actor } from '../../core/roles.ts';
import { findSession, sessionAlive, touchSession, TOUCH_EVERY_MS, SESSION_MAX_MS } from '../../db/repos/sessions.ts';
import type { AppServices } from '../../commands/context.ts';
import { auditContextOf, type ActorContext } from '../../commands/context.ts';
import { timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'ln_session';

export interface RequestAuth {
  sessionId: string;
  csrfToken: string;
  actor: Actor;
  mustChangePassword: boolean;
  /** The access revision read with the session: reads in this request use the graph of that revision. */
  revision: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** True when Origin (or Referer) names this host; absent headers pass (non-browser clients). */
function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin ?? req.headers.referer;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string) {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https', maxAge: SESSION_MAX_MS / 1000,
  });
}

export function installAuth(app: FastifyInstance, services: AppServices) {
  app.decorateRequest('auth', null);
  app.addHook('preHandler', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const s = await findSession(services.database.db, token);
      if (!s || !sessionAlive(s) || s.disabled) {
        if (req.routeOptions.config?.public !== true) throw new AppError('session_expired');
      } else {
        const now = Date.now();
        if (now - Date.parse(s.last_seen_at) > TOUCH_EVERY_MS) await touchSession(services.database.db, s.id, new Date(now).toISOString());
        const actor = await services.access.actor(
          { userId: s.user_id, username: s.username, fullName: s.full_name, unitId: s.unit_id }, s.revision ?? 0,
        );
        req.auth = { sessionId: s.id, csrfToken: s.csrf_token, actor, mustChangePassword: !!s.must_change_password, revision: s.revision ?? 0 };
      }
    }
    if (SAFE.has(req.method)) return;
    if (req.auth) {
      const header = req.headers['x-csrf-token'];
      if (typeof header !== 'string' || !sameToken(header, req.auth.csrfToken)) throw new AppError('csrf');
    } else if (!sameOrigin(req)) {
      throw new AppError('csrf');
    }
  });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Route answers without a session (login, hello). */
    public?: boolean;
    /** Route stays open while the user must still change a temporary password. */
    allowPasswordChangeRequired?: boolean;
  }
}

/** The actor's context for a command, or 401. A user with a temporary password may only change it. */
export function requireActor(req: FastifyRequest, services: AppServices): ActorContext & { sessionId: string; revision: number } {
  if (!req.auth) throw new AppError('unauthenticated');
  if (req.auth.mustChangePassword && !req.routeOptions.config?.allowPasswordChangeRequired) throw new AppError('password_change_required');
  const ua = req.headers['user-agent'] ?? null;
  return { ...services, actor: req.auth.actor, audit: auditContextOf(req.auth.actor, req.ip, ua), sessionId: req.auth.sessionId, revision: req.auth.revision };
}
