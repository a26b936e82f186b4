// The access cache's revision: read afresh for rights, taken from a recent read for public pages.
import { expect, it } from 'vitest';
import { forEachEngine } from '../helpers/harness.ts';
import { AccessCache } from '../../src/db/access.ts';
import { bumpRevision } from '../../src/db/repos/revisions.ts';

forEachEngine('access cache', 'empty', (h) => {
  it('reads the revision afresh unless a read recent enough is allowed', async () => {
    const access = new AccessCache(h.database);
    const first = await access.currentRevision();
    await bumpRevision(h.database.db, 'access');
    // Within the age allowed, the last read stands; without one (rights), the database is read.
    expect(await access.currentRevision(60_000)).toBe(first);
    expect(await access.currentRevision()).toBe(first + 1);
    await bumpRevision(h.database.db, 'access');
    expect(await access.currentRevision(60_000)).toBe(first + 1);
    await new Promise((r) => setTimeout(r, 30));
    expect(await access.currentRevision(20)).toBe(first + 2);
  });
});
