// The key a form carries so that a retried submission (offline queue, double tap) is stored once. It is made when
// the server renders the form, as a UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random
// bits. Keys made close in time sort close together, so the unique index (campaign, client key) takes each new
// response near its right edge instead of at a random page: a random UUID dirtied half as many pages again per
// batch of submissions (bench/README.md, survey-submit). The random part keeps keys unguessable.
import { randomBytes } from 'node:crypto';

export function newClientKey(now: number = Date.now()): string {
  const b = randomBytes(16);
  b.writeUIntBE(now, 0, 6);
  b[6] = 0x70 | (b[6]! & 0x0f); // version 7
  b[8] = 0x80 | (b[8]! & 0x3f); // variant 10
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
