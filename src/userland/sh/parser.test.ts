// Parser unit tests: tree shapes for each construct and ash's syntax error texts.
import { describe, expect, it } from 'vitest';
import type { Command, Part, Word } from './ast.js';
import { EOF_NODE, Parser, parse } from './parser.js';
import { ShSyntaxError } from './tokens.js';

const text = (w: Word): string => w.text;
const simple = (c: Command | null): string[] => {
  if (!c || c.type !== 'simple') throw new Error(`not simple: ${c?.type}`);
  return c.words.map(text);
};
const err = (src: string): { msg: string; eof: boolean } => {
  try {
    parse(src);
  } catch (e) {
    if (e instanceof ShSyntaxError) return { msg: e.message, eof: e.eof };
    throw e;
  }
  throw new Error(`no error for ${src}`);
};

describe('parser', () => {
  it('builds lists, and-or chains, pipelines and background jobs', () => {
    const t = parse('a | b && ! c || d; e &');
    expect(t?.type).toBe('seq');
    if (t?.type !== 'seq') return;
    expect(t.right).toMatchObject({ type: 'bg', body: { type: 'simple' } });
    expect(t.left).toMatchObject({ type: 'andor', op: '||', left: { type: 'andor', op: '&&' } });
    const and = (t.left as { left: { left: Command; right: Command } }).left;
    expect(and.left).toMatchObject({ type: 'pipeline', bang: false });
    expect(and.right).toMatchObject({ type: 'pipeline', bang: true });
  });

  it('separates assignments, words and redirections with IO numbers', () => {
    const c = parse('A=1 B="x y" cmd arg 2>err >>out <in 3<&- x=notassign');
    expect(c).toMatchObject({ type: 'simple' });
    if (c?.type !== 'simple') return;
    expect(c.assigns.map((a) => a.name)).toEqual(['A', 'B']);
    expect(simple(c)).toEqual(['cmd', 'arg', 'x=notassign']);
    expect(c.redirs.map((r) => [r.fd, r.op, r.target.text])).toEqual([[2, '>', 'err'], [1, '>>', 'out'], [0, '<', 'in'], [3, '<&', '-']]);
  });

  it('parses if/elif/else, loops, for with and without in, case and functions', () => {
    expect(parse('if a; then b; elif c; then d; else e; fi')).toMatchObject({ type: 'if', else: { type: 'if', else: { type: 'simple' } } });
    expect(parse('until a; do b; done')).toMatchObject({ type: 'loop', until: true });
    expect(parse('for i; do :; done')).toMatchObject({ type: 'for', name: 'i', words: null });
    const f = parse('for i in a "b c"; do :; done');
    expect(f?.type === 'for' && f.words?.map(text)).toEqual(['a', '"b c"']);
    const c = parse('case $x in (a|b) one;; *) two;; esac');
    expect(c?.type === 'case' && c.items.map((i) => i.patterns.map(text))).toEqual([['a', 'b'], ['*']]);
    expect(parse('f() { echo; }')).toMatchObject({ type: 'funcdef', name: 'f', body: { type: 'group' } });
    expect(parse('function g { echo; }')).toMatchObject({ type: 'funcdef', name: 'g' });
    expect(parse('(a; b) >out')).toMatchObject({ type: 'subshell', redirs: [{ op: '>' }] });
    expect(parse('while :; do :; done 2>/dev/null')).toMatchObject({ type: 'group', body: { type: 'loop' } });
  });

  it('reads keywords only in command position and unquoted', () => {
    expect(simple(parse('echo if then fi'))).toEqual(['echo', 'if', 'then', 'fi']);
    expect(simple(parse('"if" x'))).toEqual(['"if"', 'x']);
  });

  it('parses quoting and expansions into parts', () => {
    const c = parse(`echo 'a b'"c $x \\$"\\d \${y:-def} $(cmd) \`bq\` $((1+2)) ~`);
    if (c?.type !== 'simple') throw new Error('simple');
    const kinds = c.words.slice(1).map((w) => w.parts.map((p: Part) => p.type));
    expect(kinds).toEqual([['quoted', 'dq', 'quoted'], ['param'], ['cmdsub'], ['cmdsub'], ['arith'], ['lit']]);
    expect(c.words[1].parts[1]).toEqual({ type: 'dq', parts: [{ type: 'quoted', text: 'c ' }, { type: 'param', name: 'x', op: '' }, { type: 'quoted', text: ' $' }] });
    expect(c.words[2].parts[0]).toMatchObject({ type: 'param', name: 'y', op: ':-', word: { text: 'def' } });
  });

  it('parses all ${…} operators', () => {
    const ops = ['${#x}', '${x#p}', '${x##p}', '${x%p}', '${x%%p}', '${x=v}', '${x:=v}', '${x+v}', '${x?m}', '${x/a/b}', '${x//a}', '${x:1:2}', '${#}', '${10}'];
    const got = ops.map((o) => {
      const c = parse(`echo ${o}`);
      const p = c?.type === 'simple' ? c.words[1].parts[0] : undefined;
      return p?.type === 'param' ? `${p.name}:${p.op}` : '?';
    });
    expect(got).toEqual(['x:len', 'x:#', 'x:##', 'x:%', 'x:%%', 'x:=', 'x::=', 'x:+', 'x:?', 'x:/', 'x://', 'x::', '#:', '10:']);
  });

  it('reads here-documents after the newline, quoted ones literally, <<- stripping tabs', () => {
    const c = parse('cat <<A <<-\'B\'\nhi $x\nA\n\tlit $y\n\tB\necho next');
    if (c?.type !== 'seq' || c.left.type !== 'simple') throw new Error('shape');
    const [a, b] = c.left.redirs;
    expect(a.heredoc?.quoted).toBe(false);
    expect(a.heredoc?.body.parts.map((p) => p.type)).toEqual(['quoted', 'param', 'quoted']);
    expect(b.heredoc).toEqual({ quoted: true, body: { parts: [{ type: 'quoted', text: 'lit $y\n' }], text: 'lit $y\n', quoted: true } });
    expect(simple(c.right)).toEqual(['echo', 'next']);
  });

  it('expands aliases at command position only', () => {
    const alias = (n: string): string | undefined => ({ ll: 'ls -l', e: 'echo' } as Record<string, string>)[n];
    expect(simple(new Parser('ll x', { alias }).parseAll())).toEqual(['ls', '-l', 'x']);
    expect(simple(new Parser('echo ll', { alias }).parseAll())).toEqual(['echo', 'll']);
  });

  it('parses one command line at a time and reports the end of input', () => {
    const p = new Parser('echo a; echo b\n\necho c\n');
    expect(p.parseCommandLine()).toMatchObject({ type: 'seq' });
    expect(p.parseCommandLine()).toBeNull();
    expect(simple(p.parseCommandLine() as Command)).toEqual(['echo', 'c']);
    expect(p.parseCommandLine()).toBe(EOF_NODE);
  });

  it('gives ash syntax errors, flagging those more input could complete', () => {
    expect(err('fi')).toEqual({ msg: 'syntax error: unexpected "fi"', eof: false });
    expect(err('echo a; (')).toEqual({ msg: 'syntax error: unexpected end of file (expecting ")")', eof: true });
    expect(err('if true; then echo')).toEqual({ msg: 'syntax error: unexpected end of file (expecting "fi")', eof: true });
    expect(err('while true; done')).toEqual({ msg: 'syntax error: unexpected "done" (expecting "do")', eof: false });
    expect(err('echo >\n')).toEqual({ msg: 'syntax error: unexpected newline', eof: false });
    expect(err('echo ${x!}')).toEqual({ msg: 'syntax error: bad substitution', eof: false });
    expect(err("echo 'abc").msg).toBe('syntax error: unterminated quoted string');
    expect(err('for 1x in a; do :; done').msg).toBe('syntax error: bad for loop variable');
    expect(err(':(){ :|:& };:').msg).toBe('syntax error: bad function name'); // a special builtin's name
    expect(err('a.b() { :; }').msg).toBe('syntax error: bad function name');
    expect(err('case x in a) echo;; b echo; esac').msg).toBe('syntax error: unexpected word (expecting ")")');
  });
});
