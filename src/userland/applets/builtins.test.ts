// Unit tests of the applets the shell uses as builtins (echo, printf, test, kill -l), run
// against a capturing sys; outputs checked against what busybox 1.35 prints.
import { describe, expect, it } from 'vitest';
import { echo } from './echo.js';
import { printf } from './printf.js';
import { test as testApplet } from './test.js';
import { kill } from './kill.js';
import { runCaptured } from './testing/capture-sys.js';

describe('echo', () => {
  it('joins arguments and honours -n/-e/\\c', async () => {
    expect((await runCaptured(echo, ['echo', 'a', 'b'])).stdout).toBe('a b\n');
    expect((await runCaptured(echo, ['echo', '-n', 'x'])).stdout).toBe('x');
    expect((await runCaptured(echo, ['echo', '-nx', 'a'])).stdout).toBe('-nx a\n');
    expect((await runCaptured(echo, ['echo', '-e', 'a\\tb\\x41\\101\\0101\\c d'])).stdout).toBe('a\tbAAA');
    expect((await runCaptured(echo, ['echo', '-e', '\\e\\E\\q\\'])).stdout).toBe('\x1b\\E\\q\\\n');
    expect((await runCaptured(echo, ['echo', '-e', '\\08'])).stdout).toBe('\x008\n');
    expect((await runCaptured(echo, ['echo', '--', '-n'])).stdout).toBe('-- -n\n');
  });
});

describe('printf', () => {
  const run = (...args: string[]) => runCaptured(printf, ['printf', ...args]);
  it('formats numbers, strings and floats like C', async () => {
    expect((await run('%5.2f|%-5s|%05d|%x|%o|%e|%g|%c|%b\n', '3.14159', 'ab', '42', '255', '8', '1234.5', '0.0001', 'xyz', 'a\\tb')).stdout)
      .toBe(' 3.14|ab   |00042|ff|10|1.234500e+03|0.0001|x|a\tb\n');
    expect((await run('%*d|%.*s\n', '5', '3', '2', 'abcdef')).stdout).toBe('    3|ab\n');
    expect((await run('%d %d\n', '0x10', "'A")).stdout).toBe('16 65\n');
    expect((await run('%x\n', '-1')).stdout).toBe('ffffffffffffffff\n');
    expect((await run('%#x %#o %+d % d\n', '255', '8', '5', '5')).stdout).toBe('0xff 010 +5  5\n');
    expect((await run('%g %g %g\n', '100000', '1000000', '0.00001234')).stdout).toBe('100000 1e+06 1.234e-05\n');
  });
  it('reuses the format and reports bad numbers with status 1', async () => {
    const r = await run('%s-%d|', 'a', '1', 'b');
    expect(r).toEqual({ status: 1, stdout: 'a-1|b-0|', stderr: "printf: invalid number ''\n" });
    const r2 = await run('%d\n', '08');
    expect(r2).toEqual({ status: 1, stdout: '0\n', stderr: "printf: invalid number '08'\n" });
  });
  it('rejects an invalid directive and stops at \\c', async () => {
    expect(await run('%5q\\n')).toEqual({ status: 1, stdout: '', stderr: 'printf: %5q\\n: invalid format\n' });
    expect(await run('%z\\n')).toEqual({ status: 1, stdout: '', stderr: 'printf: %\\n: invalid format\n' });
    expect((await run('%b\\n', 'a\\0101\\c zz')).stdout).toBe('aA');
    expect((await run('\\0101\\n')).stdout).toBe('\b1\n');
  });
  it('without arguments prints usage', async () => {
    const r = await run();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Usage: printf FORMAT');
  });
});

describe('test', () => {
  const t = (...args: string[]) => runCaptured(testApplet, ['test', ...args]);
  it('follows the POSIX argument-count rules', async () => {
    expect((await t()).status).toBe(1);
    expect((await t('-z')).status).toBe(0);
    expect((await t('!')).status).toBe(0);
    expect((await t('(', 'a', ')')).status).toBe(0);
    expect((await t('', '-o', '1')).status).toBe(0);
    expect((await t('a', '=', 'b')).status).toBe(1);
    expect((await t('!', 'a', '=', 'b')).status).toBe(0);
    expect((await t(' 1', '-eq', '1')).status).toBe(0);
    expect((await t('1', '-eq', '1', '-a', '2', '-gt', '3')).status).toBe(1);
  });
  it('reports bad expressions with status 2', async () => {
    expect(await t('1', '-eq', 'a')).toEqual({ status: 2, stdout: '', stderr: 'test: a: bad number\n' });
    expect(await t('a', 'b')).toEqual({ status: 2, stdout: '', stderr: 'test: b: unknown operand\n' });
    expect(await t('1', '-eq')).toEqual({ status: 2, stdout: '', stderr: 'test: -eq: argument expected\n' });
    expect(await t('(', '1')).toEqual({ status: 2, stdout: '', stderr: 'test: closing paren expected\n' });
    expect(await t('9999999999999999999', '-gt', '1')).toEqual({ status: 2, stdout: '', stderr: 'test: 9999999999999999999: out of range\n' });
    expect(await runCaptured(testApplet, ['[', '1', '=', '1'])).toEqual({ status: 2, stdout: '', stderr: '[: missing ]\n' });
    expect((await runCaptured(testApplet, ['[', '1', '=', '1', ']'])).status).toBe(0);
  });
});

describe('kill', () => {
  it('lists signals as busybox does', async () => {
    const r = await runCaptured(kill, ['kill', '-l']);
    expect(r.stdout.split('\n')[0]).toBe(' 1) HUP');
    expect(r.stdout).toContain('29) POLL\n30) PWR\n31) SYS\n');
    expect((await runCaptured(kill, ['kill', '-l', '9', 'TERM', '200'])).stdout).toBe('KILL\n15\n72\n');
  });
  it('complains without targets or with bad ones', async () => {
    expect(await runCaptured(kill, ['kill'])).toEqual({ status: 1, stdout: '', stderr: 'kill: you need to specify whom to kill\n' });
    expect(await runCaptured(kill, ['kill', '-s', 'FOO', '1'])).toEqual({ status: 1, stdout: '', stderr: "kill: bad signal name 'FOO'\n" });
    expect(await runCaptured(kill, ['kill', 'abc'])).toEqual({ status: 1, stdout: '', stderr: "kill: invalid number 'abc'\n" });
  });
});
