// Shell behaviour on a booted machine that real-busybox fixtures cannot pin down: CPU use
// of busy loops (scheduling, killing), traps run at safe points, deep pipelines.
import { describe, expect, it } from 'vitest';
import { bootMachine } from '../../boot/machine.js';
import { shUserland } from './testing/userland.js';

const boot = () => bootMachine({ userland: shUserland() });

describe('sh on a machine', () => {
  it('a busy loop consumes CPU and can be killed', async () => {
    const m = await boot();
    const r = await m.system('while :; do :; done & p=$!; sleep 1; kill $p; wait $p; echo status=$?; times');
    expect(r.stdout.split('\n')[0]).toBe('status=143');
    expect(r.stderr).toBe('Terminated\n');
    const childUser = r.stdout.split('\n')[2].split(' ')[0];
    const m2 = /^(\d+)m([\d.]+)s$/.exec(childUser);
    expect(m2).not.toBeNull();
    expect(Number(m2![1]) * 60 + Number(m2![2])).toBeGreaterThan(0.5);
  });

  it('runs a trap when a signal interrupts wait, then keeps going', async () => {
    const m = await boot();
    const r = await m.system('trap "echo caught" USR1; (sleep 1; kill -USR1 $$) & while :; do :; done & w=$!; sleep 2; kill $w; wait $w 2>/dev/null; echo end');
    expect(r.stdout).toBe('caught\nend\n');
  });

  it('a trapped TERM interrupts a foreground loop at the next command', async () => {
    const m = await boot();
    const r = await m.system('trap "echo bye; exit 7" TERM; (sleep 1; kill $$) & i=0; while :; do i=$((i+1)); done');
    expect(r).toMatchObject({ code: 7, stdout: 'bye\n' });
  });

  it('streams through a long pipeline and a large here-document', async () => {
    const m = await boot();
    const r = await m.system('seq 1 20000 | cat | cat | cat | wc -l; x=$(seq 1 5000); cat <<EOF | wc -c\n$x\nEOF');
    expect(r.stdout).toBe('20000\n23893\n');
  });

  it('reads commands from stdin as they come, leaving the rest for read', async () => {
    const m = await boot();
    const r = await m.run(['/bin/sh'], { stdin: 'read x\nhello\necho "[$x]"\n' });
    expect(r).toMatchObject({ code: 0, stdout: '[]\n', stderr: '/bin/sh: hello: not found\n' });
  });
});
