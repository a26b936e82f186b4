// Likely duplicates among feedback texts (pure, no I/O). Suggestions only: an officer links or not.
//
// similarity(a, b) in [0, 1] is a weighted mean of three Dice coefficients (2|A∩B| / (|A|+|B|)) over
// features of the folded text (foldVi: no diacritics, so an unaccented copy is the same text; stop words out):
//   - word tokens, weight 4: the same facts in other words or order;
//   - word bigrams, weight 3: the same phrases ("mất trộm", "thôn 3");
//   - character trigrams of the tokens, weight 3: typos and words glued or split differently.
// A feature kind empty on both sides (a one-word text has no bigram) drops out of the mean. Texts equal once
// folded score 1 (0 if that is empty); a text without tokens scores 0 against any other.
import { foldVi, shingles, tokensVi } from './normalize.ts';

export interface DuplicateCandidate {
  id: string | number;
  text: string;
}

export interface DuplicateMatch {
  id: string | number;
  score: number;
}

export interface DuplicateOptions {
  /** Minimum similarity, default 0.45. */
  threshold?: number;
  /** At most this many matches, best first, default 10. */
  limit?: number;
}

const W_TOKENS = 4;
const W_BIGRAMS = 3;
const W_TRIGRAMS = 3;

/** Features of one text (see the file's head). */
export interface Fingerprint {
  folded: string;
  tokens: Set<string>;
  bigrams: Set<string>;
  trigrams: Set<string>;
}

function trigramsOf(tokens: readonly string[]): Set<string> {
  const out = new Set<string>();
  if (tokens.length === 0) return out;
  const joined = ` ${tokens.join(' ')} `;
  for (let i = 0; i + 3 <= joined.length; i++) out.add(joined.slice(i, i + 3));
  return out;
}

export function fingerprint(text: string): Fingerprint {
  const folded = foldVi(text);
  const tokens = tokensVi(folded);
  return {
    folded,
    tokens: new Set(tokens),
    bigrams: new Set(tokens.length > 1 ? shingles(tokens, 2) : []),
    trigrams: trigramsOf(tokens),
  };
}

function common<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const x of small) if (large.has(x)) n++;
  return n;
}

/** Weighted mean of the Dice coefficients, each given as [common, size a, size b]. */
function combine(tokens: readonly number[], bigrams: readonly number[], trigrams: readonly number[]): number {
  let sum = 0;
  let weights = 0;
  for (const [[n, a, b], w] of [[tokens, W_TOKENS], [bigrams, W_BIGRAMS], [trigrams, W_TRIGRAMS]] as const) {
    if (a! + b! === 0) continue;
    weights += w;
    sum += (w * 2 * n!) / (a! + b!);
  }
  return weights === 0 ? 0 : Math.min(1, sum / weights);
}

/** Similarity of two fingerprints (see the file's head). */
export function compareFingerprints(a: Fingerprint, b: Fingerprint): number {
  if (a.folded === b.folded) return a.folded === '' ? 0 : 1;
  if (a.tokens.size === 0 || b.tokens.size === 0) return 0;
  return combine(
    [common(a.tokens, b.tokens), a.tokens.size, b.tokens.size],
    [common(a.bigrams, b.bigrams), a.bigrams.size, b.bigrams.size],
    [common(a.trigrams, b.trigrams), a.trigrams.size, b.trigrams.size],
  );
}

/** How alike two texts are, in [0, 1]; symmetric; 1 for the same (non-blank) text. */
export function similarity(a: string, b: string): number {
  return compareFingerprints(fingerprint(a), fingerprint(b));
}

// Token numbering shared by calls, and each text's token numbers, so that a unit's open items, compared
// again and again with new arrivals, are folded once. Both are bounded and simply start over when full; the
// numbering starts over only between calls, so numbers never change during one.
const TOKEN_IDS = new Map<string, number>();
const TOKENS_BY_ID: string[] = [];
const TEXT_TOKENS = new Map<string, Uint32Array>();
const MAX_TOKEN_IDS = 1 << 21;
/** Characters of text kept as cache keys (about 16 MB). */
const MAX_CACHED_CHARS = 8_000_000;
let cachedChars = 0;
/** Bigram key = first id * PAIR + second id: exact in a double while ids stay below 2^26. */
const PAIR = 2 ** 26;

function tokenIds(text: string): Uint32Array {
  let ids = TEXT_TOKENS.get(text);
  if (ids) return ids;
  const tokens = tokensVi(text);
  ids = new Uint32Array(tokens.length);
  tokens.forEach((t, i) => {
    let id = TOKEN_IDS.get(t);
    if (id === undefined) {
      id = TOKENS_BY_ID.length;
      TOKEN_IDS.set(t, id);
      TOKENS_BY_ID.push(t);
    }
    ids[i] = id;
  });
  if (cachedChars + text.length > MAX_CACHED_CHARS) {
    TEXT_TOKENS.clear();
    cachedChars = 0;
  }
  if (text.length <= MAX_CACHED_CHARS / 100) {
    TEXT_TOKENS.set(text, ids);
    cachedChars += text.length;
  }
  return ids;
}

/** A set of (id, id) pairs for one candidate at a time: open addressing, emptied by a new stamp. */
class PairSet {
  private first = new Uint32Array(256);
  private second = new Uint32Array(256);
  private stamps = new Uint32Array(256);
  private stamp = 0;
  size = 0;

  reset(expected: number): void {
    if (expected * 2 > this.stamps.length) {
      const capacity = 2 ** Math.ceil(Math.log2(expected * 4));
      this.first = new Uint32Array(capacity);
      this.second = new Uint32Array(capacity);
      this.stamps = new Uint32Array(capacity);
      this.stamp = 0;
    }
    if (++this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
    this.size = 0;
  }

  /** Adds the pair; false when it was there already. */
  add(a: number, b: number): boolean {
    const mask = this.stamps.length - 1;
    let slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & mask;
    while (this.stamps[slot] === this.stamp) {
      if (this.first[slot] === a && this.second[slot] === b) return false;
      slot = (slot + 1) & mask;
    }
    this.stamps[slot] = this.stamp;
    this.first[slot] = a;
    this.second[slot] = b;
    this.size++;
    return true;
  }
}

function trigramsOfIds(ids: Uint32Array): Set<string> {
  return trigramsOf(Array.from(ids, (id) => TOKENS_BY_ID[id]!));
}

/**
 * Candidates at least `threshold` alike to `text` (the same score as similarity()), best first, ties in input
 * order, at most `limit`; scores rounded to three decimals. Tokens are numbered, so counting common tokens and
 * bigrams makes no strings, and a candidate's trigrams are only made when tokens and bigrams leave it a chance
 * (could it reach the threshold with every trigram shared?). A thousand candidates of a few lines take a few
 * milliseconds, less when they were seen before (their tokens are remembered).
 */
export function likelyDuplicates(
  text: string,
  candidates: readonly DuplicateCandidate[],
  { threshold = 0.45, limit = 10 }: DuplicateOptions = {},
): DuplicateMatch[] {
  if (TOKEN_IDS.size > MAX_TOKEN_IDS) {
    TOKEN_IDS.clear();
    TOKENS_BY_ID.length = 0;
    TEXT_TOKENS.clear();
    cachedChars = 0;
  }
  const query = tokenIds(text);
  if (query.length === 0 || limit <= 0) return [];
  const inQuery = new Uint8Array(TOKENS_BY_ID.length);
  let querySize = 0;
  for (const id of query) {
    if (inQuery[id] === 1) continue;
    inQuery[id] = 1;
    querySize++;
  }
  const qBigrams = new Set<number>();
  for (let i = 1; i < query.length; i++) qBigrams.add(query[i - 1]! * PAIR + query[i]!);
  let qTrigrams: Set<string> | null = null;
  let seen = new Uint32Array(TOKENS_BY_ID.length + 1024); // seen[id] = 1 + index of the last candidate holding it
  const pairs = new PairSet();
  const out: DuplicateMatch[] = [];
  candidates.forEach((c, index) => {
    const ids = tokenIds(c.text);
    if (ids.length === 0) return;
    pairs.reset(ids.length);
    let distinct = 0;
    let commonTokens = 0;
    let commonBigrams = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (id >= seen.length) {
        const grown = new Uint32Array(Math.max(TOKENS_BY_ID.length, id + 1) * 2);
        grown.set(seen);
        seen = grown;
      }
      if (seen[id] !== index + 1) {
        seen[id] = index + 1;
        distinct++;
        if (inQuery[id] === 1) commonTokens++;
      }
      if (i > 0 && pairs.add(ids[i - 1]!, id)) {
        if (inQuery[ids[i - 1]!] === 1 && inQuery[id] === 1 && qBigrams.has(ids[i - 1]! * PAIR + id)) commonBigrams++;
      }
    }
    const tokenCounts = [commonTokens, querySize, distinct];
    const bigramCounts = [commonBigrams, qBigrams.size, pairs.size];
    if (combine(tokenCounts, bigramCounts, [1, 1, 1]) < threshold) return; // even with every trigram shared
    qTrigrams ??= trigramsOfIds(query);
    const cTrigrams = trigramsOfIds(ids);
    const score = combine(tokenCounts, bigramCounts, [common(qTrigrams, cTrigrams), qTrigrams.size, cTrigrams.size]);
    if (score >= threshold) out.push({ id: c.id, score: Math.round(score * 1000) / 1000 });
  });
  out.sort((a, b) => b.score - a.score);
  return out.slice(0, limit);
}

/**
 * A compact key to store beside a text for a database prefilter: its distinct tokens, sorted, space-separated
 * ("Mất trộm xe máy ở thôn 3" -> "3 mat may thon trom xe"). A query can then look for rows whose key contains
 * some of the text's rarer tokens (` ${key} ` LIKE '% trom %') before scoring them with likelyDuplicates.
 */
export function searchKey(text: string): string {
  return [...new Set(tokensVi(text))].sort().join(' ');
}
