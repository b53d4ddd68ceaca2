/** Near-miss suggestions for names an instructor typed ("CLOSEWAIT" → "CLOSE_WAIT"). */

/** Edit distance (insert, delete, substitute; each costs 1). */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length];
}

const normalise = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The candidate closest to `input`, or undefined when none is plausibly meant. Case and
 * punctuation are ignored first (TIME-WAIT, time_wait), then aliases, then edit distance
 * of at most a third of the length (minimum 2).
 */
export function closestMatch(
  input: string,
  candidates: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): string | undefined {
  const wanted = normalise(input);
  const exact = candidates.find((candidate) => normalise(candidate) === wanted);
  if (exact !== undefined) return exact;
  const alias = Object.entries(aliases).find(([spelling]) => normalise(spelling) === wanted);
  if (alias !== undefined) return alias[1];
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = levenshtein(wanted, normalise(candidate));
    if (best === undefined || distance < best.distance) best = { candidate, distance };
  }
  const budget = Math.max(2, Math.floor(wanted.length / 3));
  return best !== undefined && best.distance <= budget ? best.candidate : undefined;
}

/** " — did you mean X?" or "" (ready to append to a message). */
export function didYouMean(
  input: string,
  candidates: readonly string[],
  aliases?: Readonly<Record<string, string>>,
): string {
  const match = closestMatch(input, candidates, aliases);
  return match === undefined ? '' : ` — did you mean ${match}?`;
}

/** "a, b or c" for messages that list what is allowed. */
export function listAlternatives(names: readonly string[], conjunction = 'or'): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${conjunction} ${names[names.length - 1]}`;
}
