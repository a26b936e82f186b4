// What every use case receives: the database, the access cache and who is acting from where.
import type { Actor } from '../core/roles.ts';
import type { AccessCache } from '../db/access.ts';
import type { Db } from '../db/engine.ts';
import type { AuditContext } from '../db/repos/audit.ts';

export interface AppServices {
  database: Db;
  access: AccessCache;
}

export interface CommandContext extends AppServices {
  audit: AuditContext;
  /**
   * The access revision the request has already read (with its session, or for the unit of a public form): a
   * command that needs the unit graph uses it instead of reading the revision again.
   */
  revision?: number;
}

export interface ActorContext extends CommandContext {
  actor: Actor;
}

export function auditContextOf(actor: Actor, ip: string | null, userAgent: string | null): AuditContext {
  return { actor: { userId: actor.userId, username: actor.username }, ip, userAgent };
}
