// Seeds the demo province and its personas once, into an empty database.
import type { CommandContext } from '../commands/context.ts';
import { seedUnits } from './demo.ts';
import { seedPersonas } from './personas.ts';
import { seedSurveys } from './surveys.ts';

export async function isEmpty(ctx: CommandContext): Promise<boolean> {
  const row = await ctx.database.db.selectFrom('units').select('id').limit(1).executeTakeFirst();
  return !row;
}

export async function seedDemo(ctx: CommandContext): Promise<void> {
  const graph = await seedUnits(ctx);
  await seedPersonas(ctx, graph);
  await seedSurveys(ctx, graph);
}
