import { it } from 'vitest';
import { bootMachine } from '../../boot/machine.js';
import { busybox, APPLET_NAMES } from '../busybox.js';
it('try', async () => {
  const links: Record<string, string> = {};
  for (const n of APPLET_NAMES) links[`/bin/${n}`] = 'busybox';
  const m = await bootMachine({ userland: { programs: { busybox }, executables: { '/bin/busybox': 'busybox' }, links } });
  for (const argv of [['/bin/ls', '-l', '/'], ['/bin/ls', '-la', '/tmp'], ['/bin/stat', '/etc/passwd'], ['/bin/id'], ['/bin/cat', '/etc/group', '/nope'], ['/bin/uname', '-a']]) {
    console.log(argv.join(' '), JSON.stringify(await m.run(argv)));
  }
});
