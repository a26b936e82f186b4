// Suggestions for a person to confirm: the kind and topic from the text, and items that look like the same
// matter (same unit subtree, the last 180 days). Nothing here changes an item.
import { todayVN } from '../../core/dates.ts';
import { likelyDuplicates } from '../../core/feedback/duplicates.ts';
import { suggestKind, suggestTopic } from '../../core/feedback/suggest.ts';
import type { Actor } from '../../core/roles.ts';
import { feedbackPolicy } from '../../core/policy/feedback.ts';
import type { CommandContext } from '../context.ts';
import { itemInScope } from './handle.ts';

type Ctx = CommandContext & { actor: Actor };

const WINDOW_DAYS = 180;
const MAX_CANDIDATES = 3000;

export async function itemSuggestions(ctx: Ctx, id: number) {
  const item = await itemInScope(ctx, id);
  const db = ctx.database.db;
  const topics = await db.selectFrom('feedback_topics').select(['code', 'keywords']).where('active', '=', 1).execute();
  const graph = await ctx.access.unitGraph();
  const today = todayVN();
  // The unit's parent subtree: the same matter is often raised to the commune and to the district at once.
  const parent = graph.structuralVersion(item.unit_id, today)?.parentId ?? null;
  const readable = new Set(feedbackPolicy.unitIds(ctx.actor, 'read'));
  const area = [...graph.scopeOf(parent !== null && readable.has(parent) ? parent : item.unit_id, today)].filter((u) => readable.has(u));
  const since = new Date(Date.parse(`${today}T00:00:00Z`) - WINDOW_DAYS * 86_400_000).toISOString().slice(0, 10);
  const candidates = area.length ? await db.selectFrom('feedback_items')
    .select(['id', 'tracking_code', 'summary', 'content', 'state', 'unit_id', 'received_on'])
    .where('unit_id', 'in', area).where('received_on', '>=', since).where('id', '!=', id).where('duplicate_of', 'is', null)
    .orderBy('id', 'desc').limit(MAX_CANDIDATES).execute() : [];
  const matches = likelyDuplicates(item.content, candidates.map((c) => ({ id: c.id, text: c.content })), { limit: 5 });
  const byId = new Map(candidates.map((c) => [c.id, c]));
  return {
    kinds: suggestKind(item.content).slice(0, 3),
    topics: suggestTopic(item.content, topics.map((t) => ({ code: t.code, keywords: t.keywords ? t.keywords.split(',').map((k) => k.trim()).filter(Boolean) : undefined }))).slice(0, 3),
    duplicates: matches.map((m) => {
      const c = byId.get(Number(m.id))!;
      return { id: c.id, trackingCode: c.tracking_code, summary: c.summary, state: c.state, receivedOn: c.received_on, score: m.score };
    }),
  };
}
