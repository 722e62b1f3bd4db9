// Reads a .dockerignore/.containerignore file into patterns (moby/patternmatcher's
// ignorefile.ReadAll): BOM stripped, `#` lines are comments, whitespace trimmed, paths cleaned,
// a leading `/` dropped (patterns are relative to the context root), `!` kept as exception.
import { cleanPath } from './clean-path.js';

/** Patterns of an ignore file, in order. */
export function readIgnorePatterns(text: string): string[] {
  const patterns: string[] = [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  lines.forEach((raw, index) => {
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (index === 0 && line.startsWith('\uFEFF')) line = line.slice(1);
    if (line.startsWith('#')) return;
    let pattern = line.trim();
    if (pattern === '') return;
    const invert = pattern.startsWith('!');
    if (invert) pattern = pattern.slice(1).trim();
    if (pattern.length > 0) {
      pattern = cleanPath(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    }
    patterns.push(invert ? '!' + pattern : pattern);
  });
  return patterns;
}
