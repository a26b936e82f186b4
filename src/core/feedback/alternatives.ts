// Which of the text's suggestions (suggest.ts) to offer beside a classification a person has already chosen.
// Apart from suggest.ts so that the console can use it without bundling the lexicons.

/** A suggestion at least this strong is offered even beside a current choice the text supports better. */
export const STRONG_SUGGESTION = 0.5;

/**
 * The suggestions worth offering beside what a person has already chosen. Never the current choice itself. When
 * the text supports the current choice, only what it supports about as well: at least as strongly, or strongly on
 * its own (STRONG_SUGGESTION); a weak guess beside a well-founded choice is noise that trains people to ignore
 * the chips. An unclassified item, or a choice the text gives no ground for, gets every suggestion. `always`
 * keeps a suggestion whatever its score: a kind that leaves this procedure (a complaint, a denunciation, a crime
 * report) must never be hidden.
 */
export function alternativesTo<S extends { score: number }>(
  suggestions: readonly S[], isCurrent: (s: S) => boolean, always: (s: S) => boolean = () => false,
): S[] {
  const current = suggestions.find(isCurrent);
  return suggestions.filter((s) => !isCurrent(s) && (!current || always(s) || s.score >= current.score || s.score >= STRONG_SUGGESTION));
}
