// Opens the configured database for a CLI command, migrated, with the services commands need.
import { loadConfig, type Config } from '../config.ts';
import { openDatabase, type Db } from '../db/engine.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { AccessCache } from '../db/access.ts';
import { SYSTEM_CONTEXT } from '../db/repos/audit.ts';
import type { CommandContext } from '../commands/context.ts';

export async function openForCli(opts: { migrate?: boolean } = {}): Promise<{ config: Config; database: Db; ctx: CommandContext; applied: string[] }> {
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  const applied = opts.migrate === false ? [] : await migrateToLatest(database);
  const ctx: CommandContext = { database, access: new AccessCache(database), audit: SYSTEM_CONTEXT };
  return { config, database, ctx, applied };
}

/** Redacts the password from a database URL for printing. */
export function redactUrl(url: string): string {
  return url.replace(/(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
