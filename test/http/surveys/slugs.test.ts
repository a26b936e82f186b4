// Campaign units' public codes are random: a new campaign's codes must miss every code already given and each other
// (a collision used to fail the whole campaign on the unique index; the demo's 879 meet about once in 2,300 seedings).
import { expect, it } from 'vitest';
import { forEachEngine } from '../../helpers/harness.ts';
import { inTx } from '../../../src/db/tx.ts';
import { freshSlugs } from '../../../src/commands/surveys/campaigns.ts';

forEachEngine('campaign unit codes', 'demo', (h) => {
  it('skips codes already given and codes drawn twice, drawing again until it has enough', async () => {
    const given = (await h.database.db.selectFrom('campaign_units').select('slug').orderBy('id').limit(2).execute()).map((r) => r.slug);
    expect(given).toHaveLength(2);
    // A generator that repeats itself and the codes in use before it finds new ones.
    const draws = [given[0]!, 'aaaaa2', 'aaaaa2', given[1]!, given[0]!, 'bbbbb3', 'aaaaa2', 'ccccc4'];
    let at = 0;
    const slugs = await inTx(h.database, (trx) => freshSlugs(trx, 3, () => draws[at++]!));
    expect(slugs.sort()).toEqual(['aaaaa2', 'bbbbb3', 'ccccc4']);
    expect(at).toBe(draws.length);
  });

  it('gives a province campaign one distinct unused code per commune', async () => {
    const slugs = await inTx(h.database, (trx) => freshSlugs(trx, 700));
    expect(new Set(slugs).size).toBe(700);
    const taken = await h.database.db.selectFrom('campaign_units').select('slug').where('slug', 'in', slugs).execute();
    expect(taken).toEqual([]);
  });
});
