import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { applets } from './index.js';
import { bootMachine } from '../../boot/machine.js';
import { applySetup, busyboxUserland } from './testing/userland.js';
it('diff', async () => {
  const exp = JSON.parse(readFileSync('src/userland/applets/fixtures/expected.json', 'utf8'));
  const groups = new Map((JSON.parse(readFileSync('src/userland/applets/fixtures/cases.json', 'utf8')) as any[]).map((g) => [g.name, g]));
  const only = process.env.ONLY;
  for (const c of exp) {
    if (!(c.argv[0] in applets)) continue;
    if (only && !c.argv.join(' ').includes(only)) continue;
    const m = await bootMachine({ userland: busyboxUserland() });
    await applySetup(m.libc, '/w', groups.get(c.group).setup);
    const r = await m.run([`/bin/${c.argv[0]}`, ...c.argv.slice(1)], { cwd: '/w', stdin: c.stdin ?? '' });
    const nz = (x: string) => x.replace(/(multi-call binary\.\n)[\s\S]*$/, '$1'); r.stderr = nz(r.stderr); c.stderr = nz(c.stderr);
    if (r.stdout !== c.stdout || r.stderr !== c.stderr || r.code !== c.code) {
      console.log('### ' + JSON.stringify(c.argv));
      if (r.code !== c.code) console.log(`code ${r.code} want ${c.code}`);
      if (r.stdout !== c.stdout) console.log(`out ${JSON.stringify(r.stdout.slice(0, 300))}\nwant ${JSON.stringify(c.stdout.slice(0, 300))}`);
      if (r.stderr !== c.stderr) console.log(`err ${JSON.stringify(r.stderr.slice(0, 300))}\nwant ${JSON.stringify(c.stderr.slice(0, 300))}`);
    }
  }
}, 120000);
