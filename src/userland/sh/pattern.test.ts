// Pattern matching and field splitting unit tests.
import { describe, expect, it } from 'vitest';
import { escapePattern, hasGlobChars, matchPattern, replacePattern, trimPattern } from './pattern.js';
import { splitFields, type Seg } from './expand/fields.js';
import { splitRead } from './builtins/read.js';

describe('patterns', () => {
  it('matches *, ?, brackets, classes and escapes', () => {
    expect(matchPattern('a*c', 'abbbc')).toBe(true);
    expect(matchPattern('a?c', 'ac')).toBe(false);
    expect(matchPattern('[a-c]x', 'bx')).toBe(true);
    expect(matchPattern('[!a-c]x', 'bx')).toBe(false);
    expect(matchPattern('[^a]', 'b')).toBe(true);
    expect(matchPattern('[]]', ']')).toBe(true);
    expect(matchPattern('[[:digit:]][[:upper:]]', '7Q')).toBe(true);
    expect(matchPattern('a\\*', 'a*')).toBe(true);
    expect(matchPattern('a\\*', 'ab')).toBe(false);
    expect(matchPattern('[abc', '[abc')).toBe(true);
    expect(matchPattern('*', 'multi\nline')).toBe(true);
    expect(hasGlobChars('a\\*b')).toBe(false);
    expect(hasGlobChars(escapePattern('x*[y]') + '?')).toBe(true);
    expect(matchPattern(escapePattern('x*[y]?'), 'x*[y]?')).toBe(true);
  });

  it('trims shortest and longest prefixes and suffixes', () => {
    const p = '/usr/local/file.tar.gz';
    expect(trimPattern(p, '*/', '#')).toBe('usr/local/file.tar.gz');
    expect(trimPattern(p, '*/', '##')).toBe('file.tar.gz');
    expect(trimPattern(p, '.*', '%')).toBe('/usr/local/file.tar');
    expect(trimPattern(p, '.*', '%%')).toBe('/usr/local/file');
    expect(trimPattern(p, 'nomatch', '%%')).toBe(p);
  });

  it('replaces first or all matches', () => {
    expect(replacePattern('abcabc', 'b', 'X', '/')).toBe('aXcabc');
    expect(replacePattern('abcabc', 'b*', 'X', '/')).toBe('aX');
    expect(replacePattern('abcabc', 'b', '', '//')).toBe('acac');
  });
});

const t = (text: string, split = true, quoted = false): Seg => ({ t: 'text', text, quoted, split });
const fields = (segs: Seg[], ifs = ' \t\n'): string[] => splitFields(segs, ifs).map((f) => f.chunks.map((c) => c.text).join(''));

describe('field splitting', () => {
  it('collapses IFS whitespace and trims it at both ends', () => {
    expect(fields([t('  a  b\t\nc  ')])).toEqual(['a', 'b', 'c']);
  });

  it('makes empty fields between non-whitespace delimiters but not at the end', () => {
    expect(fields([t('a::b:')], ':')).toEqual(['a', '', 'b']);
    expect(fields([t(':a')], ':')).toEqual(['', 'a']);
    expect(fields([t(' a : b  :: c ')], ' :')).toEqual(['a', 'b', '', 'c']);
  });

  it('joins unsplit text with neighbouring expansions and keeps quoted empties', () => {
    expect(fields([t('x', false), t('a b'), t('y', false)])).toEqual(['xa', 'by']);
    expect(fields([t('')])).toEqual([]);
    expect(fields([{ t: 'qempty' }])).toEqual(['']);
    expect(fields([t('a b', false, true)])).toEqual(['a b']);
    expect(fields([t('a'), { t: 'break' }, { t: 'qempty' }, { t: 'break' }, t('b')])).toEqual(['a', '', 'b']);
    expect(fields([t('a b')], '')).toEqual(['a b']);
  });
});

describe('read splitting', () => {
  const chars = (s: string) => [...s].map((c) => ({ c, esc: false }));
  it('gives the last name the rest of the line without trailing IFS whitespace', () => {
    expect(splitRead(chars('  a b  c  '), 2, ' \t\n')).toEqual(['a', 'b  c']);
    expect(splitRead(chars('a:b:c'), 2, ':')).toEqual(['a', 'b:c']);
    expect(splitRead(chars('one'), 3, ' ')).toEqual(['one', '', '']);
    expect(splitRead([{ c: 'a', esc: false }, { c: ' ', esc: true }, { c: 'b', esc: false }], 2, ' ')).toEqual(['a b', '']);
  });
});
