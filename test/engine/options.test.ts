// docker run options at the engine level: isolation seen from inside (ps, mount), --read-only,
// --privileged, --cap-add/--cap-drop, --entrypoint (and --entrypoint ""), -e/-w/-u/--hostname,
// --label, --stop-signal/--stop-timeout on the virtual clock, and the CPU options as cgroup files.
import { describe, expect, it } from 'vitest';
import type { ContainerCreateRequest } from '../../src/api/index.js';
import type { Engine } from '../../src/engine/index.js';
import { parseRfc3339 } from '../../src/engine/util/time-format.js';
import { probe, readText } from '../resources/resource-harness.js';
import { harness, run } from './harness.js';

const never = new AbortController().signal;

/** A detached container kept up by `cat` on an open stdin (no timer for the virtual clock to skip). */
async function startCat(engine: Engine, extra: Partial<ContainerCreateRequest> = {}): Promise<string> {
  const { Id } = await engine.container.containerCreate({ config: { Image: 'busybox', Cmd: ['cat'], OpenStdin: true, ...extra } });
  await engine.container.containerStart(Id, {});
  return Id;
}

/** Seconds between StartedAt and FinishedAt. */
async function ranSeconds(engine: Engine, id: string): Promise<number> {
  const s = (await engine.container.containerInspect(id, { size: false })).State;
  return Number(parseRfc3339(s.FinishedAt)! - parseRfc3339(s.StartedAt)!) / 1e9;
}

describe('engine options: what the container sees', () => {
  it('ps inside shows PID 1 and only the container\'s processes, even with another container running', async () => {
    const { engine } = await harness();
    await startCat(engine);
    const r = await run(engine, ['ps', '-o', 'pid,args']);
    const rows = r.stdout.trim().split('\n').slice(1).map((l) => l.trim());
    expect(rows).toEqual(['1 ps -o pid,args']);
    const two = await run(engine, ['sh', '-c', 'ps -o pid,args; true']); // not the last command: sh does not exec it
    const pids = two.stdout.trim().split('\n').slice(1).map((l) => l.trim().split(' ')[0]);
    expect(pids[0]).toBe('1');
    expect(pids).toHaveLength(2); // the shell and its ps: nothing of the cat container
  });

  it('mount of a tmpfs is refused without --privileged and works with it or with --cap-add SYS_ADMIN', async () => {
    const { engine } = await harness();
    // busybox has no /mnt; mkdir first. busybox mount words EPERM as "permission denied (are you root?)".
    const cmd = ['sh', '-c', 'mkdir /mnt && mount -t tmpfs none /mnt && grep " /mnt " /proc/mounts'];
    const plain = await run(engine, cmd);
    expect(plain).toMatchObject({ code: 1, stderr: 'mount: permission denied (are you root?)\n' });
    const privileged = await run(engine, cmd, { HostConfig: { Privileged: true } });
    expect(privileged).toMatchObject({ code: 0, stdout: expect.stringMatching(/^none \/mnt tmpfs rw/) });
    const sysAdmin = await run(engine, cmd, { HostConfig: { CapAdd: ['SYS_ADMIN'] } });
    expect(sysAdmin.code).toBe(0);
  });

  it('--privileged leaves /proc/sysrq-trigger writable; otherwise it is read-only', async () => {
    const { engine } = await harness();
    // Opening for write without writing anything: never send a command to the kernel.
    const cmd = ['sh', '-c', ': > /proc/sysrq-trigger && echo writable'];
    const plain = await run(engine, cmd);
    expect(plain.code).not.toBe(0);
    expect(plain.stderr).toContain('Read-only file system');
    expect(await run(engine, cmd, { HostConfig: { Privileged: true } })).toMatchObject({ code: 0, stdout: 'writable\n' });
  });

  it('--cap-drop CHOWN makes chown fail with EPERM; root keeps it by default; CapAdd/CapDrop show in inspect', async () => {
    const { engine } = await harness();
    const cmd = ['sh', '-c', 'touch /tmp/f && chown 65534 /tmp/f && stat -c %u /tmp/f'];
    expect(await run(engine, cmd)).toMatchObject({ code: 0, stdout: '65534\n' });
    const dropped = await run(engine, cmd, { HostConfig: { CapDrop: ['CHOWN'] } });
    expect(dropped.code).toBe(1);
    expect(dropped.stderr).toContain('Operation not permitted');
    expect((await engine.container.containerInspect(dropped.id, { size: false })).HostConfig.CapDrop).toEqual(['CHOWN']);
  });

  it('--read-only: writes fail with "Read-only file system", /tmp too unless a --tmpfs covers it', async () => {
    const { engine } = await harness();
    const root = await run(engine, ['touch', '/x'], { HostConfig: { ReadonlyRootfs: true } });
    expect(root.code).toBe(1);
    expect(root.stderr).toContain('Read-only file system');
    const tmp = await run(engine, ['touch', '/tmp/x'], { HostConfig: { ReadonlyRootfs: true } });
    expect(tmp.stderr).toContain('Read-only file system');
    const withTmpfs = await run(engine, ['sh', '-c', 'touch /tmp/x && ls /tmp'], { HostConfig: { ReadonlyRootfs: true, Tmpfs: { '/tmp': '' } } });
    expect(withTmpfs).toMatchObject({ code: 0, stdout: 'x\n' });
    expect((await engine.container.containerChanges(root.id))).toEqual([]);
  });

  it('-e, -w, -u and --hostname shape the process; the image env stays unless overridden', async () => {
    const { engine } = await harness();
    const r = await run(engine, ['sh', '-c', 'echo "$GREETING $PATH"; pwd; id -u; hostname; cat /etc/hostname'], {
      Env: ['GREETING=hi', 'PATH=/bin'], WorkingDir: '/etc', User: '65534', Hostname: 'box',
    });
    expect(r).toMatchObject({ code: 0, stdout: 'hi /bin\n/etc\n65534\nbox\nbox\n' });
    const info = await engine.container.containerInspect(r.id, { size: false });
    expect(info.Config).toMatchObject({ Env: ['PATH=/bin', 'GREETING=hi'], WorkingDir: '/etc', User: '65534', Hostname: 'box' });
    // A working directory the image lacks is created, as runc does.
    expect((await run(engine, ['pwd'], { WorkingDir: '/new/dir' })).stdout).toBe('/new/dir\n');
  });

  it('--label shows in inspect and in the list summary', async () => {
    const { engine } = await harness();
    const { Id } = await engine.container.containerCreate({ config: { Image: 'busybox', Cmd: ['true'], Labels: { team: 'a', tier: 'web' } } });
    expect((await engine.container.containerInspect(Id, { size: false })).Config.Labels).toEqual({ team: 'a', tier: 'web' });
    expect((await engine.container.containerList({ size: false }))[0].Labels).toEqual({ team: 'a', tier: 'web' });
  });
});

describe('engine options: --entrypoint', () => {
  it('replaces the image entrypoint, drops the image CMD when given alone, and "" resets it', async () => {
    const { engine } = await harness();
    const base = await run(engine, ['true']);
    await engine.image.imageCommit({ container: base.id, repo: 'ep', tag: 'latest', pause: false, changes: ['ENTRYPOINT ["echo", "ep"]', 'CMD ["default"]'], config: {} });
    const out = async (extra: Partial<ContainerCreateRequest>) => {
      const r = await run(engine, [], { Image: 'ep', Cmd: null, ...extra });
      const info = await engine.container.containerInspect(r.id, { size: false });
      return [r.stdout, info.Path, info.Args];
    };
    expect(await out({})).toEqual(['ep default\n', 'echo', ['ep', 'default']]);
    expect(await out({ Cmd: ['mine'] })).toEqual(['ep mine\n', 'echo', ['ep', 'mine']]);
    expect(await out({ Entrypoint: ['echo'] })).toEqual(['\n', 'echo', []]); // the image's CMD goes with its entrypoint
    expect(await out({ Entrypoint: [''], Cmd: ['echo', 'plain'] })).toEqual(['plain\n', 'echo', ['plain']]);
    await expect(engine.container.containerCreate({ config: { Image: 'ep', Entrypoint: [''] } })).rejects.toMatchObject({ kind: 'invalid-parameter', message: 'no command specified' });
  });
});

describe('engine options: stop signal and timeout on the virtual clock', () => {
  it('--stop-signal USR1 reaches a trap in sh, which exits at once', async () => {
    const { engine } = await harness();
    const id = await startCat(engine, { Cmd: ['sh', '-c', 'trap "echo got USR1; exit 7" USR1; exec 3<&0; cat <&3 & wait'], StopSignal: 'SIGUSR1' });
    await engine.container.containerStop(id, { timeout: 30 });
    expect((await engine.container.containerInspect(id, { size: false })).State.ExitCode).toBe(7);
    expect(await ranSeconds(engine, id)).toBeLessThan(1);
  });

  it('the image STOPSIGNAL is used, and a stop signal given to stop overrides it', async () => {
    const { engine } = await harness();
    const base = await run(engine, ['true']);
    await engine.image.imageCommit({ container: base.id, repo: 'usr1', tag: 'latest', pause: false, changes: ['STOPSIGNAL SIGUSR1'], config: {} });
    const script = 'trap "exit 7" USR1; trap "exit 8" USR2; exec 3<&0; cat <&3 & wait';
    const a = await startCat(engine, { Image: 'usr1', Cmd: ['sh', '-c', script] });
    expect((await engine.container.containerInspect(a, { size: false })).Config.StopSignal).toBe('SIGUSR1');
    await engine.container.containerStop(a, {});
    expect((await engine.container.containerInspect(a, { size: false })).State.ExitCode).toBe(7);
    const b = await startCat(engine, { Image: 'usr1', Cmd: ['sh', '-c', script] });
    await engine.container.containerStop(b, { signal: 'USR2' });
    expect((await engine.container.containerInspect(b, { size: false })).State.ExitCode).toBe(8);
  });

  it('--stop-timeout sets the grace period before SIGKILL (stop\'s own -t wins)', async () => {
    const { engine } = await harness();
    const a = await startCat(engine, { StopTimeout: 2 });
    await engine.container.containerStop(a, {});
    expect((await engine.container.containerInspect(a, { size: false })).State.ExitCode).toBe(137);
    const ranA = await ranSeconds(engine, a);
    expect(ranA).toBeGreaterThanOrEqual(2);
    expect(ranA).toBeLessThan(2.5);
    const b = await startCat(engine, { StopTimeout: 20 });
    await engine.container.containerStop(b, { timeout: 1 });
    const ranB = await ranSeconds(engine, b);
    expect(ranB).toBeGreaterThanOrEqual(1);
    expect(ranB).toBeLessThan(1.5);
    // -t 0: SIGKILL right after the stop signal.
    const c = await startCat(engine);
    await engine.container.containerStop(c, { timeout: 0 });
    expect(await ranSeconds(engine, c)).toBeLessThan(0.5);
  });
});

describe('engine options: CPU, memory, pids and ulimits', () => {
  it('--cpu-quota/--cpu-period, --cpu-shares and --cpuset-cpus are written to cpu.max, cpu.weight and cpuset.cpus', async () => {
    const { engine, machine } = await harness();
    const id = await startCat(engine, { HostConfig: { CpuQuota: 25000, CpuPeriod: 50000, CpuShares: 512, CpusetCpus: '0' } });
    const dir = `/sys/fs/cgroup/skiff/${id}`;
    const files = await probe(machine, async (sys) => {
      const out: string[] = [];
      for (const f of ['cpu.max', 'cpu.weight', 'cpuset.cpus']) out.push(await readText(sys, `${dir}/${f}`));
      return out;
    });
    // runc's shares→weight: 1 + ((512 - 2) * 9999) / 262142 = 20
    expect(files).toEqual(['25000 50000\n', '20\n', '0\n']);
    const cpus = await startCat(engine, { HostConfig: { NanoCpus: 1.5e9, CpuPeriod: 200000 } });
    expect(await probe(machine, (sys) => readText(sys, `/sys/fs/cgroup/skiff/${cpus}/cpu.max`))).toBe('300000 200000\n');
    for (const c of [id, cpus]) await engine.container.containerKill(c, 'KILL');
  });

  it('--memory-swap and --ulimit are accepted and kept in HostConfig; --memory and --pids-limit reach the cgroup', async () => {
    const { engine, machine } = await harness();
    const id = await startCat(engine, {
      HostConfig: { Memory: 32 << 20, MemorySwap: 64 << 20, PidsLimit: 7, Ulimits: [{ Name: 'nofile', Soft: 1024, Hard: 2048 }] },
    });
    const dir = `/sys/fs/cgroup/skiff/${id}`;
    expect(await probe(machine, async (sys) => [await readText(sys, `${dir}/memory.max`), await readText(sys, `${dir}/pids.max`)])).toEqual([`${32 << 20}\n`, '7\n']);
    const hc = (await engine.container.containerInspect(id, { size: false })).HostConfig;
    expect(hc).toMatchObject({ Memory: 32 << 20, MemorySwap: 64 << 20, PidsLimit: 7, Ulimits: [{ Name: 'nofile', Soft: 1024, Hard: 2048 }] });
    await engine.container.containerKill(id, 'KILL');
    expect((await (await engine.container.containerWait(id, 'not-running', never)).result).StatusCode).toBe(137);
  });
});
