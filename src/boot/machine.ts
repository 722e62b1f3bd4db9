// A booted simulated machine: kernel + VFS + binary formats + a root filesystem with the
// userland installed. Used by tests (`system("sh -c …")`), benchmarks and the daemon.
import { AT_FDCWD, Errno, O, WEXITSTATUS, WIFSIGNALED, WTERMSIG, type Sys } from '../abi/index.js';
import { Kernel, type SpawnedProcess } from '../kernel/kernel.js';
import { vfs } from '../kernel/vfs/index.js';
import { FdTable } from '../kernel/vfs/index.js';
import { Libc } from '../userland/libc/index.js';
import { skiffElf } from '../userland/applet.js';
import { skiffElfFormat } from './skiff-elf.js';
import { captureFile, HostSource } from './host-stream.js';
import { virtualHostTimer, wallHostTimer } from './host-timer.js';
import { hostRandom } from './host-random.js';
import { installKernelExtensions } from './kernel-extensions.js';
import { attachHostDirectories, type HostDirectories } from '../kernel/fs/hostfs/index.js';
import { defaultUserland, type Userland } from './userland.js';

export interface MachineOptions {
  /** 'virtual' (tests: as fast as possible, deterministic) or 'wall' (the daemon). */
  clock?: 'virtual' | 'wall';
  ncpus?: number;
  memoryBytes?: number;
  hostname?: string;
  /** CLOCK_REALTIME at boot on the virtual clock (default: a fixed date), e.g. to reboot where the last kernel stopped. */
  epochNs?: number;
  /** Programs and the files that run them; defaults to busybox and friends. */
  userland?: Userland;
  log?: (line: string) => void;
  /** Real directories the machine may mount with hostfs (bind mounts, volumes); none by default. */
  hostDirectories?: HostDirectories;
}

/** What `system()` returns: the shell's exit code (128+n if killed by signal n) and output. */
export interface SystemResult {
  code: number;
  status: number;
  stdout: string;
  stderr: string;
}

export class Machine {
  constructor(
    readonly kernel: Kernel,
    /** A privileged host process (like the shell that started dockerd): installs, spawns. */
    readonly host: SpawnedProcess,
    /** The real directories it may mount (kept for the machine that replaces it after a panic). */
    readonly hostDirectories?: HostDirectories,
  ) {}

  /** The host process's libc. */
  get libc(): Libc {
    return new Libc(this.host.sys);
  }

  /** Runs `sh -c command` as root in the host namespaces; collects stdout and stderr. */
  system(command: string, options: RunOptions = {}): Promise<SystemResult> {
    return this.run(['/bin/sh', '-c', command], options);
  }

  /** Executes argv[0] (a path) with argv; collects its output and exit status. */
  async run(argv: string[], options: RunOptions = {}): Promise<SystemResult> {
    const out: Uint8Array[] = [];
    const err: Uint8Array[] = [];
    const stdin = new HostSource();
    stdin.push(options.stdin ?? '');
    stdin.end();
    const files = new FdTable();
    files.installFile(stdin.file.get(), 0);
    files.installFile(captureFile((c) => out.push(c)).get(), 1);
    files.installFile(captureFile((c) => err.push(c)).get(), 2);
    const env = options.env ?? ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOME=/root'];
    const child = this.kernel.spawn({
      argv,
      files,
      parent: this.host.proc,
      program: async (_a, _e, sys) => {
        if (options.uid !== undefined) {
          await sys.setgid(options.uid);
          await sys.setuid(options.uid);
        }
        if (options.cwd) await sys.chdir(options.cwd);
        const r = await sys.execve(argv[0], argv, env);
        const msg = new TextEncoder().encode(`exec ${argv[0]}: errno ${r.ok ? 0 : r.errno}\n`);
        await sys.write(2, msg);
        return r.ok ? 0 : r.errno === Errno.ENOENT ? 127 : 126;
      },
    });
    const status = await child.exited;
    await this.host.sys.wait4(child.pid, 0);
    const dec = new TextDecoder();
    const text = (chunks: Uint8Array[]) => chunks.map((c) => dec.decode(c, { stream: true })).join('') + dec.decode();
    return {
      code: WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status),
      status,
      stdout: text(out),
      stderr: text(err),
    };
  }
}

export interface RunOptions {
  stdin?: string;
  env?: string[];
  uid?: number;
  cwd?: string;
}

/** Boots a kernel, installs the userland into its root filesystem and mounts /proc. */
export async function bootMachine(options: MachineOptions = {}): Promise<Machine> {
  const kernel = new Kernel({
    host: options.clock === 'wall' ? wallHostTimer() : virtualHostTimer(options.epochNs),
    vfs,
    ncpus: options.ncpus,
    memoryBytes: options.memoryBytes,
    random: options.clock === 'wall' ? hostRandom : undefined,
    hostname: options.hostname,
    log: options.log,
  });
  installKernelExtensions(kernel);
  if (options.hostDirectories) attachHostDirectories(kernel, options.hostDirectories);
  const userland = options.userland ?? defaultUserland();
  kernel.registerBinfmt(skiffElfFormat(userland.programs));
  const host = kernel.spawn({ external: true, argv: ['skiff-host'], comm: 'skiff-host' });
  // Like dockerd's LimitNOFILE=1048576: the engine holds a few pipe ends per running container.
  host.proc.files.maxFds = 1048576;
  await installRootFs(host.sys, userland);
  return new Machine(kernel, host, options.hostDirectories);
}

/** Lays out the host's root filesystem: directories, executables, links, passwd/group, /proc, /dev/pts. */
async function installRootFs(sys: Sys, userland: Userland): Promise<void> {
  const libc = new Libc(sys);
  for (const dir of ['/bin', '/sbin', '/usr', '/usr/bin', '/usr/sbin', '/etc', '/root', '/home', '/var', '/tmp', '/proc', '/sys', '/sys/fs', '/sys/fs/cgroup', '/dev']) {
    const r = await sys.mkdirat(AT_FDCWD, dir, 0o755);
    if (!r.ok && r.errno !== Errno.EEXIST) throw new Error(`boot: mkdir ${dir}: errno ${r.errno}`);
  }
  await libc.chmod('/tmp', 0o1777);
  await libc.chmod('/root', 0o700);
  for (const [path, program] of Object.entries(userland.executables)) {
    await libc.writeFile(path, skiffElf(program), 0o755, O.WRONLY | O.CREAT | O.TRUNC);
  }
  for (const [link, target] of Object.entries(userland.links)) {
    const r = await sys.symlinkat(target, AT_FDCWD, link);
    if (!r.ok && r.errno !== Errno.EEXIST) throw new Error(`boot: symlink ${link}: errno ${r.errno}`);
  }
  await libc.writeFile('/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n');
  await libc.writeFile('/etc/group', 'root:x:0:\ndaemon:x:1:\ntty:x:5:\nnogroup:x:65534:\n');
  await libc.writeFile('/etc/hostname', 'skiff\n');
  // devpts as a host has it: /dev/ptmx (devtmpfs) opens this instance; ptmxmode=000 as on Linux.
  for (const [source, target, type, data] of [['proc', '/proc', 'proc', ''], ['cgroup2', '/sys/fs/cgroup', 'cgroup2', ''], ['devpts', '/dev/pts', 'devpts', 'gid=5,mode=620,ptmxmode=000']]) {
    const r = await sys.mount(source, target, type, 0, data);
    if (!r.ok && r.errno !== Errno.ENODEV) throw new Error(`boot: mount ${type}: errno ${r.errno}`);
  }
}

/**
 * Boots the machine that replaces `previous` after a kernel panic: the same CPUs and memory,
 * `options` for the rest (the clock kind, the kernel log), and on the virtual clock a
 * CLOCK_REALTIME that goes on from where the dead kernel's stopped.
 */
export function rebootMachine(previous: Machine, options: MachineOptions = {}): Promise<Machine> {
  return bootMachine({ hostDirectories: previous.hostDirectories, ...options, ncpus: previous.kernel.ncpus, memoryBytes: previous.kernel.memoryBytes, epochNs: previous.kernel.clock.nowNs() });
}
