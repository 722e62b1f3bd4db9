// .dockerignore matching as docker's patternmatcher does it: Go filepath.Match wildcards plus
// "**", "!" exceptions (the last matching pattern wins) and parent-directory matches.

interface Pattern { regex: RegExp; exclusion: boolean; dirs: number }

function cleanPath(p: string): string {
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

function toRegex(pattern: string): RegExp {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') { i++; re += '(.*/)?'; } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) throw new Error(`syntax error in pattern: ${pattern}`);
      let cls = pattern.slice(i + 1, end);
      if (cls.startsWith('^')) cls = '^' + cls.slice(1);
      re += `[${cls.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (c === '\\') { re += '\\' + (pattern[++i] ?? '\\'); }
    else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(re + '$');
}

/** A compiled .dockerignore. */
export class DockerIgnore {
  private readonly patterns: Pattern[];

  /** Compiles the file's text. */
  constructor(text: string) {
    this.patterns = [];
    for (const raw of text.split(/\r?\n/)) {
      let line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      let exclusion = false;
      if (line.startsWith('!')) { exclusion = true; line = line.slice(1).trim(); }
      line = cleanPath(line);
      if (line === '') continue;
      this.patterns.push({ regex: toRegex(line), exclusion, dirs: line.split('/').length });
    }
  }

  /** True when `relPath` (slash-separated, relative to the context) is ignored. */
  ignores(relPath: string): boolean {
    const path = cleanPath(relPath);
    const parts = path.split('/');
    let matched = false;
    for (const p of this.patterns) {
      if (p.exclusion === !matched) continue;
      let hit = p.regex.test(path);
      if (!hit) {
        for (let n = Math.min(p.dirs, parts.length - 1); n >= 1 && !hit; n--) hit = p.regex.test(parts.slice(0, n).join('/'));
      }
      if (hit) matched = !p.exclusion;
    }
    return matched;
  }
}
