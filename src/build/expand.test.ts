// Unit tests of variable expansion against the behaviour of Docker's shell lexer
// (quoting, escapes, every ${} modifier, field splitting, errors).
import { describe, expect, it } from 'vitest';
import { expand, expandHeredoc, expandWithMatches, expandWords } from './expand.js';

const env = new Map([
  ['HOME', '/root'],
  ['NAME', 'world'],
  ['EMPTY', ''],
  ['SPACED', '  a  b '],
  ['FILE', 'archive.tar.gz'],
  ['PATHV', '/usr/local/bin'],
]);

describe('expand (one word, quotes removed)', () => {
  const cases: [string, string][] = [
    ['plain', 'plain'],
    ['$HOME', '/root'],
    ['${HOME}/x', '/root/x'],
    ['pre$NAME.post', 'preworld.post'],
    ['$UNSET', ''],
    ['a$1b', 'ab'],
    ['$', '$'],
    ['$.', '$.'],
    ['cost: $ 5', 'cost: $ 5'],
    ['\\$HOME', '$HOME'],
    ['\\\\$HOME', '\\/root'],
    ['ab\\c', 'abc'],
    ['trailing\\', 'trailing'],
    ["'$HOME'", '$HOME'],
    ['"$HOME"', '/root'],
    ['"it\'s $NAME"', "it's world"],
    ['"a\\"b"', 'a"b'],
    ['"a\\tb"', 'a\\tb'],
    ['"a\\\\b"', 'a\\b'],
    ["'a\\tb'", 'a\\tb'],
    ['he\'ll\'o', 'hello'],
    ['"two  spaces"', 'two  spaces'],
    ['x y', 'x y'],
    ['${UNSET:-default}', 'default'],
    ['${EMPTY:-default}', 'default'],
    ['${EMPTY-default}', ''],
    ['${UNSET-default}', 'default'],
    ['${NAME:-default}', 'world'],
    ['${UNSET:-$HOME}', '/root'],
    ['${UNSET:-${ALSO:-deep}}', 'deep'],
    ['${NAME:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${UNSET+alt}', ''],
    ['${NAME:?must be set}', 'world'],
    ['${EMPTY?}', ''],
    ['${UNSET:-\\$HOME}', '$HOME'],
    ['${UNSET:-a}}', 'a}'],
    ['${UNSET:-a {b}', 'a {b'],
    ['${FILE%.*}', 'archive.tar'],
    ['${FILE%%.*}', 'archive'],
    ['${FILE#*.}', 'tar.gz'],
    ['${FILE##*.}', 'gz'],
    ['${PATHV/local/opt}', '/usr/opt/bin'],
    ['${PATHV//\\//:}', ':usr:local:bin'],
    ['${FILE/?r/X}', 'Xchive.tar.gz'],
    ["'${HOME}'", '${HOME}'],
  ];
  for (const [word, want] of cases) {
    it(`${word} → ${want}`, () => expect(expand(word, env)).toBe(want));
  }

  it('takes a plain record as env too', () => {
    expect(expand('$A-$B', { A: '1', B: '2' })).toBe('1-2');
  });

  it('matches what Docker stored for ENV A=1 B="two words" C=three\\ words D=\'s $x\'', () => {
    // Recorded from a real docker build (classic builder): Config.Env of that image.
    expect(['1', '"two words"', 'three\\ words', "'s $x'"].map((v) => expand(v, {}))).toEqual(['1', 'two words', 'three words', 's $x']);
  });

  it('uses a backtick escape when the Dockerfile says so', () => {
    expect(expand('c:\\dir `$HOME', env, { escapeToken: '`' })).toBe('c:\\dir $HOME');
  });

  it('reports matched and unmatched variables', () => {
    const r = expandWithMatches('$HOME ${NOPE:-x} $EMPTY', env);
    expect(r.value).toBe('/root x ');
    expect([...r.matched].sort()).toEqual(['EMPTY', 'HOME']);
    expect([...r.unmatched]).toEqual(['NOPE']);
  });
});

describe('expand errors', () => {
  const errors: [string, string][] = [
    ['he\'llo', 'unexpected end of statement while looking for matching single-quote'],
    ['"open', 'unexpected end of statement while looking for matching double-quote'],
    ['${}', 'syntax error: bad substitution'],
    ['${:-x}', 'syntax error: bad substitution'],
    ['${{x}', 'syntax error: bad substitution'],
    // Go formats the end-of-input rune as U+FFFD here; Docker's message really reads like this.
    ['${HOME', 'unsupported modifier (\uFFFD) in substitution'],
    ['${UNSET:-x', "syntax error: missing '}'"],
    ['${.}', 'unsupported modifier (.) in substitution'],
    ['${HOME:=x}', 'unsupported modifier (:=) in substitution'],
    ['${HOME:x}', 'unsupported modifier (:x) in substitution'],
    ['${HOME:#x}', 'unsupported modifier (:#) in substitution'],
    ['${UNSET?}', 'UNSET: is not allowed to be unset'],
    ['${EMPTY:?}', 'EMPTY: is not allowed to be empty'],
    ['${UNSET:?need it}', 'UNSET: need it'],
  ];
  for (const [word, reason] of errors) {
    it(`${word} fails with "${reason}"`, () => {
      expect(() => expand(word, env)).toThrow(`failed to process ${JSON.stringify(word)}: ${reason}`);
    });
  }
});

describe('expandWords (field splitting)', () => {
  const cases: [string, string[]][] = [
    ['a b  c', ['a', 'b', 'c']],
    ['hello${SPACED}bye', ['hello', 'a', 'b', 'bye']],
    ['hello"${SPACED}"bye', ['hello  a  b bye']],
    ['x\\ y', ['x y']],
    ['x" there  "', ['x there  ']],
    ["'$HOME' $HOME", ['$HOME', '/root']],
    ['a "" b', ['a', 'b']],
    ['80 ${PORT:-443}/tcp', ['80', '443/tcp']],
  ];
  for (const [word, want] of cases) {
    it(`${word} → ${JSON.stringify(want)}`, () => expect(expandWords(word, env)).toEqual(want));
  }
});

describe('expandHeredoc', () => {
  it('expands variables but keeps quotes literal', () => {
    expect(expandHeredoc('echo "$NAME" \'$HOME\'\n', env)).toBe('echo "world" \'/root\'\n');
  });
});
