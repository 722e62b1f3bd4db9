// "Did you mean" suggestions for unknown instructions and flags (BuildKit's suggest package:
// the closest candidate at Levenshtein distance below 3).

function levenshtein(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length];
}

/** Appends ` (did you mean X?)` to message when a candidate is close to value. */
export function withSuggestion(message: string, value: string, candidates: readonly string[], caseSensitive: boolean): string {
  const v = caseSensitive ? value : value.toLowerCase();
  let best = '';
  let min = 3;
  for (const candidate of candidates) {
    const c = caseSensitive ? candidate : candidate.toLowerCase();
    if (c === v) return message;
    const d = levenshtein(v, c);
    if (d < min) {
      min = d;
      best = caseSensitive ? c : matchCase(c, value);
    }
  }
  return best ? `${message} (did you mean ${best}?)` : message;
}

function matchCase(candidate: string, original: string): string {
  if (original === original.toLowerCase()) return candidate.toLowerCase();
  if (original === original.toUpperCase()) return candidate.toUpperCase();
  return candidate;
}
