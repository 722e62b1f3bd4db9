// Replays the shell cases recorded from real busybox (fixtures/expected.json, made by
// fixtures/record.mjs from fixtures/cases.txt) through a booted machine: stdout, stderr and
// exit status must match byte for byte.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bootMachine } from '../../boot/machine.js';
import { shUserland } from './testing/userland.js';

interface Case { name: string; script: string; stdout: string; stderr: string; code: number }
const here = dirname(fileURLToPath(import.meta.url));
const cases: Case[] = JSON.parse(readFileSync(join(here, 'fixtures/expected.json'), 'utf8'));
const only = process.env.SH_CASE;

describe('busybox ash conformance', () => {
  for (const c of cases) {
    it.skipIf(only !== undefined && only !== c.name)(c.name, async () => {
      const m = await bootMachine({ userland: shUserland() });
      const r = await m.run(['/bin/sh', '-c', c.script]);
      expect({ stdout: r.stdout, stderr: r.stderr, code: r.code }).toEqual({ stdout: c.stdout, stderr: c.stderr, code: c.code });
    });
  }
});
