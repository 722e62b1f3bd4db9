// Replays the recorded busybox fixtures (fixtures/expected.json, recorded from a real busybox
// container by fixtures/record.mjs) through a booted machine: stdout, stderr and exit status
// must match byte for byte. Cases needing the shell run once /bin/sh exists.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { APPLET_NAMES } from '../busybox.js';

const applets = new Set(APPLET_NAMES);
import { bootMachine } from '../../boot/machine.js';
import { applySetup, busyboxUserland, type FixtureSetup } from './testing/userland.js';

const here = dirname(fileURLToPath(import.meta.url));
/** A recorded case; `sh` marks cases that also need /bin/sh (awk's pipes, argv[0] sh). */
interface Expected { group: string; argv: string[]; stdin?: string; sh?: boolean; code: number; stdout: string; stderr: string }
interface Group { name: string; setup: FixtureSetup; cases: { argv: string[] }[] }
const expected: Expected[] = JSON.parse(readFileSync(join(here, 'fixtures/expected.json'), 'utf8'));
const groups = new Map<string, Group>((JSON.parse(readFileSync(join(here, 'fixtures/cases.json'), 'utf8')) as Group[]).map((g) => [g.name, g]));

/**
 * Busybox's long help texts (printed after the usage banner) are not reproduced: stderr is
 * compared up to and including the "BusyBox v1.35.0 ... multi-call binary." banner line.
 */
export function normalizeUsage(stderr: string): string {
  return stderr.replace(/(multi-call binary\.\n)[\s\S]*$/, '$1');
}

const byGroup = new Map<string, Expected[]>();
for (const e of expected) byGroup.set(e.group, [...(byGroup.get(e.group) ?? []), e]);

describe('busybox fixtures', () => {
  for (const [group, cases] of byGroup) {
    describe(group, () => {
      for (const c of cases) {
        const runnable = applets.has(c.argv[0]) && (!c.sh || applets.has('sh'));
        it.skipIf(!runnable)(c.argv.join(' '), async () => {
          const m = await bootMachine({ userland: busyboxUserland() });
          await applySetup(m.libc, '/w', groups.get(group)!.setup);
          const r = await m.run([`/bin/${c.argv[0]}`, ...c.argv.slice(1)], { cwd: '/w', stdin: c.stdin ?? '' });
          expect({ stdout: r.stdout, stderr: normalizeUsage(r.stderr), code: r.code })
            .toEqual({ stdout: c.stdout, stderr: normalizeUsage(c.stderr), code: c.code });
        });
      }
    });
  }
});
