// The audit trail is a hash chain: each event's hash covers its content and the previous hash,
// so editing, deleting or reordering any event breaks every link after it.
import { createHash } from 'node:crypto';
import type { AuditEventsTable } from '../db/schema.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields an event's hash covers: everything but its id and the hashes themselves. */
export type AuditContent = Omit<AuditEventsTable, 'id' | 'prev_hash' | 'hash'>;

const FIELDS: (keyof AuditContent)[] = [
  'at', 'actor_user_id', 'actor_username', 'unit_id', 'action', 'entity_type', 'entity_id',
  'before_json', 'after_json', 'ip', 'user_agent',
];

/**
 * sha256 over the previous hash and the event's fields in a fixed order, each after a unit separator, a null as
 * U+0000. The text is hashed in one piece: the same bytes as feeding the parts one by one, at a third of the cost.
 */
export function auditHash(prevHash: string, e: AuditContent): string {
  let text = prevHash;
  for (const f of FIELDS) {
    const v = e[f];
    text += `\u001f${v === null || v === undefined ? '\u0000' : String(v)}`;
  }
  return createHash('sha256').update(text).digest('hex');
}

export interface ChainLink extends AuditContent {
  id: number;
  prev_hash: string;
  hash: string;
}

export type ChainBreak = { id: number; reason: 'prev_hash_mismatch' | 'hash_mismatch' };

/** Checks links in id order, continuing from prevHash; returns the first broken one. */
export function verifyLinks(links: Iterable<ChainLink>, prevHash = GENESIS_HASH): { broken?: ChainBreak; last: string; count: number } {
  let prev = prevHash;
  let count = 0;
  for (const l of links) {
    if (l.prev_hash !== prev) return { broken: { id: l.id, reason: 'prev_hash_mismatch' }, last: prev, count };
    if (auditHash(prev, l) !== l.hash) return { broken: { id: l.id, reason: 'hash_mismatch' }, last: prev, count };
    prev = l.hash;
    count++;
  }
  return { last: prev, count };
}
