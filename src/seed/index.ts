// Seeds the demo province and its personas once, into an empty database.
import type { CommandContext } from '../commands/context.ts';
import { AccessCache } from '../db/access.ts';
import { openDatabase } from '../db/engine.ts';
import { seedUnits } from './demo.ts';
import { seedPersonas } from './personas.ts';
import { seedSurveys } from './surveys.ts';
import { seedFeedback } from './feedback.ts';
import { seedTemplates } from './templates.ts';
import { seedConferences } from './conferences.ts';
import { seedWorkResults } from './work-results.ts';

export async function isEmpty(ctx: CommandContext): Promise<boolean> {
  const row = await ctx.database.db.selectFrom('units').select('id').limit(1).executeTakeFirst();
  return !row;
}

/**
 * Seeds the demo. Its thousands of small transactions skip the wait for the disk — SQLite's fsync, PostgreSQL's
 * WAL flush (on a connection of its own) — since a failed seed is simply run again.
 */
export async function seedDemo(ctx: CommandContext): Promise<void> {
  const raw = ctx.database.sqlite;
  const before = raw?.pragma('synchronous', { simple: true });
  raw?.pragma('synchronous = OFF');
  const own = ctx.database.engine === 'postgres' ? openDatabase(ctx.database.url, { poolSize: 2, relaxedCommits: true }) : null;
  const sctx: CommandContext = own ? { ...ctx, database: own, access: new AccessCache(own) } : ctx;
  try {
    const graph = await seedUnits(sctx);
    await seedPersonas(sctx, graph);
    await seedSurveys(sctx, graph);
    await seedFeedback(sctx, graph);
    await seedTemplates(sctx, graph);
    await seedConferences(sctx, graph);
    await seedWorkResults(sctx, graph);
  } finally {
    await own?.close();
    if (raw) {
      raw.pragma(`synchronous = ${Number(before)}`);
      raw.pragma('wal_checkpoint(TRUNCATE)');
    }
  }
}
