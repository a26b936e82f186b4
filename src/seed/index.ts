// Seeds the demo province and its personas once, into an empty database.
import type { CommandContext } from '../commands/context.ts';
import { seedUnits } from './demo.ts';
import { seedPersonas } from './personas.ts';
import { seedSurveys } from './surveys.ts';
import { seedFeedback } from './feedback.ts';

export async function isEmpty(ctx: CommandContext): Promise<boolean> {
  const row = await ctx.database.db.selectFrom('units').select('id').limit(1).executeTakeFirst();
  return !row;
}

/** Seeds the demo. Its thousands of small transactions skip SQLite's fsync (a failed seed is simply run again). */
export async function seedDemo(ctx: CommandContext): Promise<void> {
  const raw = ctx.database.sqlite;
  const before = raw?.pragma('synchronous', { simple: true });
  raw?.pragma('synchronous = OFF');
  try {
    const graph = await seedUnits(ctx);
    await seedPersonas(ctx, graph);
    await seedSurveys(ctx, graph);
    await seedFeedback(ctx, graph);
  } finally {
    if (raw) {
      raw.pragma(`synchronous = ${Number(before)}`);
      raw.pragma('wal_checkpoint(TRUNCATE)');
    }
  }
}
