// docker run --init (docker-init as PID 1: signals passed on, exit status kept, orphans
// reaped), --tmpfs (Docker's default flags merged with the user's options) and --shm-size.
import { describe, expect, it } from 'vitest';
import { harness, run, waitForProcess } from './harness.js';

describe('engine: --init', () => {
  it('runs the command under /sbin/docker-init as PID 1, keeping its exit status', async () => {
    const { engine } = await harness();
    const ps = await run(engine, ['ps', '-o', 'pid,args'], { HostConfig: { Init: true } });
    const lines = ps.stdout.trim().split('\n').slice(1).map((l) => l.trim());
    expect(lines[0]).toBe('1 /sbin/docker-init -- ps -o pid,args');
    expect(lines[1]).toMatch(/^\d+ ps -o pid,args$/);
    expect((await run(engine, ['sh', '-c', 'exit 3'], { HostConfig: { Init: true } })).code).toBe(3);
    const info = await engine.container.containerInspect(ps.id, { size: false });
    expect([info.Path, info.Args]).toEqual(['ps', ['-o', 'pid,args']]); // Docker shows the command, not the init
  });

  it('passes SIGTERM on: a command PID 1 would ignore stops at once instead of after the grace period', async () => {
    const { engine } = await harness();
    const codes: number[] = [];
    for (const init of [true, false]) {
      // cat on an open stdin waits for ever (a sleep would end at once on the virtual clock)
      const { Id } = await engine.container.containerCreate({ config: { Image: 'busybox', Cmd: ['cat'], OpenStdin: true, HostConfig: { Init: init } } });
      await engine.container.containerStart(Id, {});
      // docker-init (like tini) passes on only signals that arrive after it set up: wait for cat.
      await waitForProcess(engine, Id, 'cat');
      await engine.container.containerStop(Id, { timeout: 2 });
      codes.push((await engine.container.containerInspect(Id, { size: false })).State.ExitCode);
    }
    // cat dies of the forwarded SIGTERM (128+15); as PID 1 itself it ignores it and is killed (128+9).
    expect(codes).toEqual([143, 137]);
  });

  it('reaps orphans: a backgrounded child of an exiting shell leaves no zombie', async () => {
    const { engine } = await harness();
    const r = await run(engine, ['sh', '-c', "sh -c 'sleep 0 &' ; sleep 1; ps -o stat,args"], { HostConfig: { Init: true } });
    expect(r.stdout).not.toMatch(/^Z/m);
    expect(r.code).toBe(0);
  });
});

describe('engine: --tmpfs and --shm-size', () => {
  it('mounts a tmpfs with Docker\'s noexec,nosuid,nodev plus the given size, and enforces the size', async () => {
    const { engine } = await harness();
    const r = await run(engine, ['sh', '-c', 'grep " /run " /proc/mounts; dd if=/dev/zero of=/run/big bs=1k count=2048 2>&1 | tail -1'], {
      HostConfig: { Tmpfs: { '/run': 'size=1m,exec' } },
    });
    const [mountLine, ddLine] = r.stdout.trim().split('\n');
    expect(mountLine).toMatch(/^tmpfs \/run tmpfs rw,nosuid,nodev,.*size=1024k/);
    expect(mountLine).not.toContain('noexec'); // "exec" given by the user wins over the default
    expect(ddLine).toContain('No space left on device');
  });

  it('sizes /dev/shm from --shm-size (64 MiB by default)', async () => {
    const { engine } = await harness();
    const shm = async (extra = {}) => (await run(engine, ['grep', ' /dev/shm ', '/proc/mounts'], extra)).stdout;
    expect(await shm()).toContain('size=65536k');
    expect(await shm({ HostConfig: { ShmSize: 8 * 1024 * 1024 } })).toContain('size=8192k');
  });

  it('resolves a mount destination through the image\'s symlinks inside the root (runc\'s securejoin)', async () => {
    const { engine } = await harness();
    // An image whose /link is an absolute symlink: it must mean the container's /mnt2, not the engine's.
    const made = await run(engine, ['sh', '-c', 'mkdir /mnt2 && ln -s /mnt2 /link && ln -s ../../../.. /up']);
    await engine.image.imageCommit({ container: made.id, repo: 'links', tag: 'latest', comment: '', author: '', pause: true, changes: [] });
    const r = await run(engine, ['sh', '-c', 'grep -E " /(mnt2|link|up|tmp2) " /proc/mounts | cut -d" " -f2'], {
      Image: 'links', HostConfig: { Tmpfs: { '/link': 'size=1m', '/up/tmp2': 'size=1m' } },
    });
    expect(r.stdout.split('\n').filter(Boolean).sort()).toEqual(['/mnt2', '/tmp2']);
  });
});

