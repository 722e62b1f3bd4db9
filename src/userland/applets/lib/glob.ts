// fnmatch(3) patterns (`*`, `?`, `[...]`, backslash escapes) as JavaScript regexes, for find
// -name/-path and other applets that match shell-style patterns.

/** Converts a shell pattern to a RegExp matching the whole string. */
export function globToRegExp(pattern: string, icase = false): RegExp {
  let src = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') src += '.*';
    else if (c === '?') src += '.';
    else if (c === '\\' && i + 1 < pattern.length) src += pattern[++i].replace(/[.*+?^${}()|[\]\\\/]/g, '\\$&');
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) { src += '\\['; continue; }
      let body = pattern.slice(i + 1, close);
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      src += `[${body.replace(/\\/g, '\\\\').replace(/\[:(\w+):\]/g, (_, n: string) => ({ alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n' } as Record<string, string>)[n] ?? '')}]`;
      i = close;
    } else src += c.replace(/[.*+?^${}()|[\]\\\/]/g, '\\$&');
  }
  return new RegExp(`^${src}$`, `s${icase ? 'i' : ''}`);
}
