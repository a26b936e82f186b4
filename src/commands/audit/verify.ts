// Recomputes the audit hash chain and names the first broken link.
import { GENESIS_HASH, verifyLinks } from '../../core/audit-chain.ts';
import { chainLinks } from '../../db/repos/audit.ts';
import type { Q } from '../../db/tx.ts';

export async function verifyAuditChain(q: Q) {
  const links = [];
  let prev = GENESIS_HASH;
  let count = 0;
  // Verified page by page so a long chain never sits in memory whole.
  for await (const link of chainLinks(q)) {
    links.push(link);
    if (links.length === 5000) {
      const r = verifyLinks(links, prev);
      count += r.count;
      if (r.broken) return { ok: false as const, count, broken: r.broken };
      prev = r.last;
      links.length = 0;
    }
  }
  const r = verifyLinks(links, prev);
  count += r.count;
  return r.broken ? { ok: false as const, count, broken: r.broken } : { ok: true as const, count };
}
