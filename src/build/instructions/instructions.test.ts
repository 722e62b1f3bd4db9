// Unit tests of instruction helpers: Go durations, RUN heredoc command lines, flag parsing,
// and the location carried by parse errors.
import { describe, expect, it } from 'vitest';
import { DockerfileError } from '../errors.js';
import { parse } from '../parse.js';
import { parseGoDuration } from './duration.js';
import { Flags } from './flags.js';
import { csvFields, runHeredocCommand } from './run.js';
import type { RunInstruction } from './types.js';

describe('parseGoDuration', () => {
  it.each([
    ['0', 0], ['1ns', 1], ['1.5s', 1.5e9], ['1m30s', 90e9], ['2h', 7200e9], ['300ms', 300e6], ['10us', 10e3], ['10µs', 10e3], ['-1s', -1e9], ['.5s', 0.5e9],
  ])('%s = %d ns', (text, ns) => expect(parseGoDuration(text)).toBe(ns));

  it.each([
    ['', 'time: invalid duration ""'], ['abc', 'time: invalid duration "abc"'], ['5', 'time: missing unit in duration "5"'],
    ['5d', 'time: unknown unit "d" in duration "5d"'], ['.s', 'time: invalid duration ".s"'],
  ])('%s fails: %s', (text, msg) => expect(() => parseGoDuration(text)).toThrow(msg));
});

describe('Flags', () => {
  it('reads bools, strings and repeated strings, and stops at --', () => {
    const f = new Flags(['--link', '--from=a', '--exclude=x', '--exclude=y', '--', '--bogus']);
    f.bool('link');
    f.string('from');
    f.strings('exclude');
    f.parse();
    expect([f.boolValue('link'), f.stringValue('from'), f.stringValues('exclude')]).toEqual([true, 'a', ['x', 'y']]);
  });

  it('rejects a word that is not a flag', () => {
    const f = new Flags(['-x']);
    expect(() => f.parse()).toThrow('arg should start with -- : -x');
  });
});

describe('csvFields', () => {
  it('splits on commas and honours quoted fields', () => {
    expect(csvFields('type=bind,"source=a,b",target=/x')).toEqual(['type=bind', 'source=a,b', 'target=/x']);
    expect(csvFields('a,"say ""hi"""')).toEqual(['a', 'say "hi"']);
  });
});

describe('runHeredocCommand', () => {
  const run = (text: string): RunInstruction => parse(`FROM busybox\n${text}`).stages[0].instructions[0] as RunInstruction;

  it('runs a lone heredoc body as the script', () => {
    expect(runHeredocCommand(run('RUN <<EOF\necho a\necho b\nEOF\n'))).toEqual({ command: ['echo a\necho b\n'], script: null });
  });

  it('runs a #! body as a file, chomped for <<-', () => {
    expect(runHeredocCommand(run('RUN <<-EOF\n\t#!/bin/sh\n\techo a\n\tEOF\n'))).toEqual({
      command: ['/dev/pipes/EOF'], script: { name: 'EOF', data: '#!/bin/sh\necho a\n' },
    });
  });

  it('hands heredocs used by a command back to the shell', () => {
    expect(runHeredocCommand(run('RUN cat <<A >/a\nx\nA\n'))).toEqual({ command: ['cat <<A >/a\nx\nA'], script: null });
  });

  it('leaves a RUN without heredocs alone', () => {
    expect(runHeredocCommand(run('RUN ["echo", "hi"]\n')).command).toEqual(['echo', 'hi']);
  });
});

describe('parse errors', () => {
  it('carry file, line range and Docker\'s text', () => {
    let caught: unknown;
    try {
      parse('FROM busybox\nCOPY \\\n  --bogus=1 \\\n  a b\n', 'Dockerfile.dev');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DockerfileError);
    const e = caught as DockerfileError;
    expect([e.message, e.fileName, e.line, e.endLine, e.detail]).toEqual([
      'Dockerfile.dev:2: unknown flag: --bogus', 'Dockerfile.dev', 2, 4, 'unknown flag: --bogus',
    ]);
  });
});
