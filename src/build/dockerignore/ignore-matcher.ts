// Decides which build-context paths an ignore file excludes (moby/patternmatcher's
// MatchesOrParentMatches): patterns apply in order, the last match wins, `!` re-includes, and
// a pattern matching a directory excludes everything under it.
import { BuildSyntaxError } from '../errors.js';
import { cleanPath } from './clean-path.js';
import { compilePattern, type IgnorePattern } from './pattern.js';

/** A set of ignore patterns ready to match context paths. */
export class IgnoreMatcher {
  readonly patterns: readonly IgnorePattern[];
  /** True when some pattern is a `!` exception (excluded directories must still be walked). */
  readonly hasExclusions: boolean;

  /** Compiles patterns; throws on `!` alone or a malformed pattern (`syntax error in pattern`). */
  constructor(patterns: readonly string[]) {
    const compiled: IgnorePattern[] = [];
    for (const raw of patterns) {
      let p = raw.trim();
      if (p === '') continue;
      p = cleanPath(p);
      if (p === '!') throw new BuildSyntaxError('illegal exclusion pattern: "!"');
      compiled.push(compilePattern(p));
    }
    this.patterns = compiled;
    this.hasExclusions = compiled.some((p) => p.exclusion);
  }

  /** True when the context-relative, slash-separated path is excluded. The root is never excluded. */
  excludes(path: string): boolean {
    const file = cleanPath(path);
    if (file === '.') return false;
    const slash = file.lastIndexOf('/');
    const parents = slash < 0 ? [] : file.slice(0, slash).split('/');
    let matched = false;
    for (const pattern of this.patterns) {
      // An inclusion cannot change a match, an exclusion cannot change a non-match.
      if (pattern.exclusion !== matched) continue;
      let hit = pattern.match(file);
      for (let i = 0; !hit && i < parents.length; i++) hit = pattern.match(parents.slice(0, i + 1).join('/'));
      if (hit) matched = !pattern.exclusion;
    }
    return matched;
  }
}
