// Satisfaction statistics, exactly as a statistician computes them by hand:
// % satisfied = answers at a satisfied level / valid answers (no-opinion excluded), with its denominator
// and a Wilson score 95% interval; and the sample size n = N / (1 + N·e²).

export const Z95 = 1.959963984540054;

export interface Proportion {
  /** Answers at a level the scale marks as satisfied. */
  satisfied: number;
  /** Valid answers: every level, without "no opinion / not applicable" and blanks. */
  denominator: number;
  /** satisfied / denominator, or null when there is no valid answer. */
  share: number | null;
  /** Wilson score interval at 95%, or null when there is no valid answer. */
  low: number | null;
  high: number | null;
}

/** Wilson score interval for k successes in n trials. */
export function wilson(k: number, n: number, z = Z95): { low: number; high: number } | null {
  if (n <= 0) return null;
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export function proportion(satisfied: number, denominator: number): Proportion {
  const w = wilson(satisfied, denominator);
  return { satisfied, denominator, share: denominator ? satisfied / denominator : null, low: w?.low ?? null, high: w?.high ?? null };
}

/** Sample size for a population N at margin of error e (5% by default), rounded up. */
export function sampleSize(population: number, margin = 0.05): number {
  if (!Number.isFinite(population) || population <= 0) return 0;
  return Math.ceil(population / (1 + population * margin * margin));
}

/** Counts of each level code, plus the no-opinion count kept apart from the denominator. */
export interface Distribution {
  counts: Record<string, number>;
  noOpinion: number;
  blank: number;
}

/** Tallies one rating question's answers. */
export function distribution(answers: Iterable<string | null | undefined>, levels: readonly string[], naCode: string | null): Distribution {
  const counts: Record<string, number> = Object.fromEntries(levels.map((l) => [l, 0]));
  let noOpinion = 0;
  let blank = 0;
  for (const a of answers) {
    if (a === null || a === undefined || a === '') blank++;
    else if (naCode !== null && a === naCode) noOpinion++;
    else if (a in counts) counts[a]!++;
    else blank++;
  }
  return { counts, noOpinion, blank };
}

/** % satisfied from a distribution and the codes the scale marks as satisfied. */
export function satisfaction(d: Distribution, satisfiedCodes: readonly string[]): Proportion {
  const denominator = Object.values(d.counts).reduce((a, b) => a + b, 0);
  const satisfied = satisfiedCodes.reduce((a, c) => a + (d.counts[c] ?? 0), 0);
  return proportion(satisfied, denominator);
}

/** The same tally from counts per answer code (as the roll-up tables keep them). */
export function distributionFromCounts(counts: ReadonlyMap<string, number>, levels: readonly string[], naCode: string | null): Distribution {
  const out: Distribution = { counts: Object.fromEntries(levels.map((l) => [l, 0])), noOpinion: 0, blank: 0 };
  for (const [value, n] of counts) {
    if (naCode !== null && value === naCode) out.noOpinion += n;
    else if (value in out.counts) out.counts[value]! += n;
    else out.blank += n;
  }
  return out;
}
