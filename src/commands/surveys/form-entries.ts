// The public form's entry (a campaign unit by its short code, with its campaign and questionnaire), kept in memory:
// every view and every submission asks for it, thousands of times a second at a conference, and it changes only
// when its campaign changes state (transitionCampaign drops the cache). An entry also expires after a few seconds,
// for a change made by another process (a second server on the same PostgreSQL). Unknown codes are not kept:
// a new campaign's form is found at once.
import type { Db } from '../../db/engine.ts';
import { findBySlug, type FormEntry } from '../../db/repos/surveys.ts';

const TTL_MS = 5000;
const MAX_ENTRIES = 10_000;
const caches = new WeakMap<Db, Map<string, { entry: FormEntry; until: number }>>();

export async function formEntry(database: Db, slug: string): Promise<FormEntry | undefined> {
  let cache = caches.get(database);
  if (!cache) caches.set(database, (cache = new Map()));
  const now = Date.now();
  const hit = cache.get(slug);
  if (hit && hit.until > now) return hit.entry;
  const entry = await findBySlug(database.db, slug);
  if (entry) {
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(slug, { entry, until: now + TTL_MS });
  } else {
    cache.delete(slug);
  }
  return entry;
}

/** After a campaign's change has committed: its forms are read afresh. */
export function dropFormEntries(database: Db): void {
  caches.delete(database);
}
