// The CLI compatibility suite: everyday docker commands, run as real child processes against a
// real skiffd child process, with the output and exit codes the real Docker engine gives.
// docker-cli.test.ts runs it with the docker CLI, skiff-cli.test.ts with bin/skiff.
// Tests marked it.skip name the engine bug that makes them fail today.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, runCli, type CliClient, type CliRun, type RunCliOptions } from './cli-client.js';
import { startSkiffd, type SkiffdProcess } from './skiffd-process.js';
import { runUnderPty } from './pty-run.js';

/** Makes the client under test for a daemon socket; `scratch` is a private temporary folder. */
export type ClientFactory = (socket: string, scratch: string) => CliClient;

const HEX64 = /^[0-9a-f]{64}$/;

const CONTAINERFILE = `FROM busybox AS base
ARG GREETING=hello
RUN echo "$GREETING" > /greeting
COPY message.txt /message.txt
FROM base AS final
RUN echo final > /final
CMD ["cat", "/greeting", "/message.txt"]
`;

const ARGS_CONTAINERFILE = `FROM busybox
ARG WHO=nobody
RUN echo "hi $WHO" > /who
CMD ["cat", "/who"]
`;

/** Registers the suite (one daemon for the whole describe block) for the client `factory` makes. */
export function defineCliCompatSuite(label: string, factory: ClientFactory): void {
  describe(`${label} against skiffd`, () => {
    let dir = '';
    let daemon: SkiffdProcess;
    let client: CliClient;
    const socket = () => path.join(dir, 's.sock');
    const dataRoot = () => path.join(dir, 'data');
    const context = () => path.join(dir, 'ctx');

    const logTail = () => daemon.log().split('\n').slice(-40).join('\n');
    const cli = (args: string[], opts?: RunCliOptions): Promise<CliRun> => runCli(client, args, opts);
    /** Runs and expects exit code `code` (0 by default), with a full report when it differs. */
    const expectCode = async (code: number, args: string[], opts?: RunCliOptions): Promise<CliRun> => {
      const run = await cli(args, opts);
      expect(run.code, `${describeRun(client, args, run)}\n--- skiffd log (tail) ---\n${logTail()}`).toBe(code);
      return run;
    };
    const ok = (args: string[], opts?: RunCliOptions) => expectCode(0, args, opts);
    const lines = (text: string) => text.split('\n').filter((l) => l !== '');
    const imageId = async (ref: string) => (await ok(['inspect', '-f', '{{.Id}}', ref])).stdout.trim();

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-compat-'));
      fs.mkdirSync(context());
      fs.writeFileSync(path.join(context(), 'Containerfile'), CONTAINERFILE);
      fs.writeFileSync(path.join(context(), 'Containerfile.args'), ARGS_CONTAINERFILE);
      fs.writeFileSync(path.join(context(), 'message.txt'), 'from the context\n');
      const scratch = path.join(dir, 'client');
      fs.mkdirSync(scratch);
      daemon = await startSkiffd({ socket: socket(), dataRoot: dataRoot() });
      client = factory(socket(), scratch);
    }, 60000);

    afterAll(async () => {
      if (daemon) {
        const running = await cli(['ps', '-q']);
        if (running.code === 0 && running.stdout.trim()) await cli(['rm', '-f', ...lines(running.stdout)], { timeoutMs: 30000 });
        await daemon.stop();
      }
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    }, 60000);

    describe('system', () => {
      it('version shows the client and the server with its API version', async () => {
        const run = await ok(['version']);
        expect(run.stdout).toMatch(/^Client:/);
        expect(run.stdout).toMatch(/\nServer: \S+/);
        expect(run.stdout).toMatch(/API version:\s+1\.\d+ \(minimum version 1\.\d+\)/);
        expect((await ok(['version', '--format', '{{.Server.APIVersion}}'])).stdout).toMatch(/^1\.\d+\n$/);
      });

      it('info shows the server section and formats fields', async () => {
        const run = await ok(['info']);
        expect(run.stdout).toMatch(/\nServer:\n Containers: \d+\n  Running: \d+\n  Paused: \d+\n  Stopped: \d+\n Images: \d+\n/);
        expect(run.stdout).toMatch(/ Server Version: \S+/);
        expect((await ok(['info', '--format', '{{.OSType}}/{{.CgroupVersion}}'])).stdout).toBe('linux/2\n');
      });

      it('system df lists the four kinds of objects', async () => {
        await ok(['pull', 'busybox']);
        const out = lines((await ok(['system', 'df'])).stdout);
        expect(out[0]).toMatch(/^TYPE\s+TOTAL\s+ACTIVE\s+SIZE\s+RECLAIMABLE$/);
        expect(out.slice(1).map((l) => l.split(/\s{2,}/)[0])).toEqual(['Images', 'Containers', 'Local Volumes', 'Build Cache']);
        expect(out[1]).toMatch(/^Images\s+[1-9]\d*\s+\d+\s+\S+B\s/);
      });

      it('events --since/--until replays a short window and ends', async () => {
        const since = Math.floor(Date.now() / 1000) - 1;
        const id = (await ok(['create', '--name', 'evt', 'busybox', 'true'])).stdout.trim();
        await ok(['rm', 'evt']);
        const until = Math.ceil(Date.now() / 1000) + 1;
        const run = await ok(['events', '--since', String(since), '--until', String(until)]);
        const mine = lines(run.stdout).filter((l) => l.includes(id));
        expect(mine.map((l) => / container (\w+) /.exec(l)?.[1])).toEqual(['create', 'destroy']);
        expect(mine[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z container create [0-9a-f]{64} \(image=busybox, name=evt\)$/);
      });
    });

    describe('run', () => {
      it('run attached streams stdout and stderr apart and exits 0', async () => {
        const run = await ok(['run', '--rm', 'busybox', 'sh', '-c', 'echo hello world; echo oops >&2']);
        expect(run.stdout).toBe('hello world\n');
        expect(run.stderr).toContain('oops\n');
      });

      it('run passes the exit code through, and inspect shows it', async () => {
        await expectCode(3, ['run', '--name', 'exit3', 'busybox', 'sh', '-c', 'exit 3']);
        expect((await ok(['inspect', '-f', '{{.State.ExitCode}}', 'exit3'])).stdout).toBe('3\n');
        expect((await ok(['inspect', '-f', '{{.State.Status}} {{.State.Running}}', 'exit3'])).stdout).toBe('exited false\n');
      });

      it('run of a missing executable exits 127 with runc\'s message', async () => {
        const run = await expectCode(127, ['run', '--rm', 'busybox', 'nosuch']);
        expect(run.stderr).toContain('exec: "nosuch": executable file not found in $PATH');
      });

      it('run -i passes piped stdin and closes it at EOF', async () => {
        const run = await ok(['run', '-i', '--rm', 'busybox', 'cat'], { stdin: 'hello\nworld\n' });
        expect(run.stdout).toBe('hello\nworld\n');
        const count = await ok(['run', '-i', '--rm', 'busybox', 'wc', '-l'], { stdin: 'a\nb\nc\n' });
        expect(count.stdout.trim()).toBe('3');
      });

      it('run pulls a missing image first (pull-on-create)', async () => {
        await cli(['rmi', 'alpine']);
        const run = await ok(['run', '--rm', 'alpine', 'echo', 'pulled']);
        expect(run.stdout).toBe('pulled\n');
        expect(run.stderr).toContain("Unable to find image 'alpine:latest' locally");
        expect(run.stderr).toMatch(/Status: Downloaded newer image for alpine:latest/);
      });

      it('run with a name in use fails with 125 and the conflict message', async () => {
        await ok(['create', '--name', 'taken', 'busybox', 'true']);
        const run = await expectCode(125, ['run', '--name', 'taken', 'busybox', 'true']);
        expect(run.stderr).toContain('Conflict. The container name "/taken" is already in use by container');
      });

      it('run -d prints the full ID and leaves the container running', async () => {
        const run = await ok(['run', '-d', '--name', 'detached', 'busybox', 'sleep', '1000']);
        expect(run.stdout.trim()).toMatch(HEX64);
        expect((await ok(['inspect', '-f', '{{.Id}} {{.State.Running}}', 'detached'])).stdout).toBe(`${run.stdout.trim()} true\n`);
      });

      it('run --rm removes the container after it exits', async () => {
        await ok(['run', '--rm', '--name', 'gone', 'busybox', 'true']);
        expect(lines((await ok(['ps', '-a', '--format', '{{.Names}}'])).stdout)).not.toContain('gone');
        const run = await expectCode(1, ['inspect', 'gone']);
        expect(run.stderr).toContain('No such object: gone');
      });
    });

    // Interactive sessions on a real terminal (util-linux `script` gives the CLI a pty), as in
    // docker-api.md's captured `docker run -it` transcript: keystrokes go raw ("\r"), the
    // container's pty echoes them and writes "\r\n".
    describe('terminal (-it)', () => {
      beforeAll(async () => { await ok(['pull', 'busybox']); }, 60000);

      it('run -it busybox sh: echo x, exit', async () => {
        const run = await runUnderPty(client, ['run', '-it', '--rm', 'busybox', 'sh'], [
          { after: '/ # ', input: 'stty size\r' },
          { after: '40 120\r\n/ # ', input: 'echo x\r' },
          { after: 'x\r\n/ # ', input: 'exit\r' },
        ]);
        expect(run.output, JSON.stringify(run.output)).toContain('/ # echo x\r\nx\r\n/ # exit\r\n');
        expect(run.output).toContain('/ # stty size\r\n40 120\r\n');
        expect(run.code, JSON.stringify(run)).toBe(0);
      }, 30000);

      it('run -it busybox tty prints /dev/pts/0; -it with a non-terminal stdin is refused', async () => {
        const run = await runUnderPty(client, ['run', '-it', '--rm', 'busybox', 'tty'], []);
        expect(run.output).toBe('/dev/pts/0\r\n');
        expect(run.code).toBe(0);
        const piped = await cli(['run', '-it', '--rm', 'busybox', 'true'], { stdin: '' });
        expect(piped.code).toBe(1);
        expect(piped.stderr).toBe('the input device is not a TTY\n');
      }, 30000);

      it('exec -it <c> sh: its own pty, echo x, exit 3 gives 3', async () => {
        await ok(['run', '-d', '--name', 'tty-exec', 'busybox', 'sleep', '1000']);
        const run = await runUnderPty(client, ['exec', '-it', 'tty-exec', 'sh'], [
          { after: '/ # ', input: 'tty\r' },
          { after: '/dev/pts/0\r\n/ # ', input: 'echo x\r' },
          { after: 'x\r\n/ # ', input: 'exit 3\r' },
        ], { rows: 30, cols: 100 });
        expect(run.output, JSON.stringify(run.output)).toContain('/ # echo x\r\nx\r\n/ # exit 3\r\n');
        expect(run.code).toBe(3);
        const piped = await cli(['exec', '-it', 'tty-exec', 'true'], { stdin: '' });
        expect([piped.code, piped.stderr]).toEqual([1, 'the input device is not a TTY\n']);
        await ok(['rm', '-f', 'tty-exec']);
      }, 30000);
    });

    describe('containers', () => {
      it('ps lists running containers; -a adds stopped ones; -q prints short IDs', async () => {
        const id = (await ok(['run', '-d', '--name', 'ps-up', 'busybox', 'sleep', '1000'])).stdout.trim();
        await ok(['run', '--name', 'ps-down', 'busybox', 'true']);
        const table = lines((await ok(['ps'])).stdout);
        expect(table[0]).toMatch(/^CONTAINER ID\s+IMAGE\s+COMMAND\s+CREATED\s+STATUS\s+PORTS\s+NAMES$/);
        expect(table.find((l) => l.endsWith(' ps-up'))).toMatch(new RegExp(`^${id.slice(0, 12)}\\s+busybox\\s+"sleep 1000"\\s+.+ago\\s+Up `));
        const running = lines((await ok(['ps', '--format', '{{.Names}}'])).stdout);
        expect(running).toContain('ps-up');
        expect(running).not.toContain('ps-down');
        const all = lines((await ok(['ps', '-a', '--format', '{{.Names}}'])).stdout);
        expect(all).toContain('ps-up');
        expect(all.indexOf('ps-down')).toBeGreaterThanOrEqual(0);
        expect(all.indexOf('ps-down')).toBeLessThan(all.indexOf('ps-up'));
        const ids = lines((await ok(['ps', '-a', '-q'])).stdout);
        expect(ids.every((l) => /^[0-9a-f]{12}$/.test(l))).toBe(true);
        expect(ids).toContain(id.slice(0, 12));
        expect(ids.length).toBe(all.length);
      });

      it('logs replays stdout and stderr of a finished container', async () => {
        await ok(['run', '--name', 'logged', 'busybox', 'sh', '-c', 'echo one; echo two >&2; echo three']);
        const run = await ok(['logs', 'logged']);
        expect(run.stdout).toBe('one\nthree\n');
        expect(run.stderr).toBe('two\n');
      });

      it('exec runs a command in a running container with its exit code and stdin', async () => {
        await ok(['run', '-d', '--name', 'exec-target', 'busybox', 'sh', '-c', 'echo x > /marker; sleep 1000']);
        expect((await ok(['exec', 'exec-target', 'echo', 'hi-exec'])).stdout).toBe('hi-exec\n');
        expect((await ok(['exec', 'exec-target', 'cat', '/marker'])).stdout).toBe('x\n');
        await expectCode(5, ['exec', 'exec-target', 'sh', '-c', 'exit 5']);
        expect((await ok(['exec', '-i', 'exec-target', 'cat'], { stdin: 'piped\n' })).stdout).toBe('piped\n');
      });

      it('stats --no-stream prints one table row per container', async () => {
        await ok(['run', '-d', '--name', 'stats-target', 'busybox', 'sleep', '1000']);
        const out = lines((await ok(['stats', '--no-stream', 'stats-target'])).stdout);
        expect(out[0]).toMatch(/^CONTAINER ID\s+NAME\s+CPU %\s+MEM USAGE \/ LIMIT\s+MEM %\s+NET I\/O\s+BLOCK I\/O\s+PIDS$/);
        expect(out).toHaveLength(2);
        expect(out[1]).toMatch(/^[0-9a-f]{12}\s+stats-target\s+\d+\.\d\d%\s+\S+ \/ \S+\s+\d+\.\d\d%\s+\S+ \/ \S+\s+\S+ \/ \S+\s+1$/);
        const all = lines((await ok(['stats', '--no-stream'])).stdout);
        expect(all.some((l) => /\sstats-target\s/.test(l))).toBe(true);
      });

      it('top lists the container\'s processes', async () => {
        await ok(['run', '-d', '--name', 'top-target', 'busybox', 'sleep', '1000']);
        const out = lines((await ok(['top', 'top-target'])).stdout);
        expect(out[0]).toMatch(/^UID\s+PID\s+PPID\s+C\s+STIME\s+TTY\s+TIME\s+CMD$/);
        expect(out.slice(1).map((l) => l.split(/\s{2,}/).at(-1))).toEqual(['sleep 1000']);
        expect(out[1]).toMatch(/^root\s+\d+\s+\d+\s+0\s+\d\d:\d\d\s+\?\s+00:00:00\s+sleep 1000$/);
      });

      // busybox ash execs the last command of `sh -c` in place of the shell (real Docker's top
      // shows only `sleep 1000` here, so docker stop's SIGTERM reaches sleep itself).
      it('sh -c execs its last command, as busybox ash does', async () => {
        await ok(['run', '-d', '--name', 'top-sh', 'busybox', 'sh', '-c', 'echo boot; sleep 1000']);
        const out = lines((await ok(['top', 'top-sh'])).stdout);
        expect(out.slice(1).map((l) => l.split(/\s{2,}/).at(-1))).toEqual(['sleep 1000']);
      });

      it('stop kills a PID 1 that ignores SIGTERM after the timeout (137)', async () => {
        await ok(['run', '-d', '--name', 'stopped', 'busybox', 'sleep', '1000']);
        expect((await ok(['stop', '-t', '1', 'stopped'])).stdout).toBe('stopped\n');
        expect((await ok(['inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', 'stopped'])).stdout).toBe('exited 137\n');
      });

      it('kill sends SIGKILL (137)', async () => {
        await ok(['run', '-d', '--name', 'killed', 'busybox', 'sleep', '1000']);
        expect((await ok(['kill', 'killed'])).stdout).toBe('killed\n');
        expect((await ok(['inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', 'killed'])).stdout).toBe('exited 137\n');
        await expectCode(1, ['kill', 'killed']);
      });

      it('restart runs the command again', async () => {
        await ok(['run', '-d', '--name', 'restarted', 'busybox', 'sh', '-c', 'echo boot; sleep 1000']);
        expect((await ok(['restart', '-t', '1', 'restarted'])).stdout).toBe('restarted\n');
        expect((await ok(['inspect', '-f', '{{.State.Running}}', 'restarted'])).stdout).toBe('true\n');
        const deadline = Date.now() + 5000;
        let logs = '';
        while (Date.now() < deadline && (logs = (await ok(['logs', 'restarted'])).stdout) !== 'boot\nboot\n') await new Promise((r) => setTimeout(r, 100));
        expect(logs).toBe('boot\nboot\n');
      });

      it('rm -f removes a running container; rm without -f refuses', async () => {
        await ok(['run', '-d', '--name', 'removed', 'busybox', 'sleep', '1000']);
        const refused = await expectCode(1, ['rm', 'removed']);
        expect(refused.stderr).toMatch(/cannot remove (a running )?container/i);
        expect((await ok(['rm', '-f', 'removed'])).stdout).toBe('removed\n');
        expect(lines((await ok(['ps', '-a', '--format', '{{.Names}}'])).stdout)).not.toContain('removed');
      });
    });

    describe('images', () => {
      it('pull prints the canonical reference', async () => {
        const run = await ok(['pull', 'busybox']);
        expect(run.stdout).toMatch(/^Using default tag: latest\n/);
        expect(run.stdout).toMatch(/\nDigest: sha256:[0-9a-f]{64}\n/);
        expect(run.stdout).toMatch(/\ndocker\.io\/library\/busybox:latest\n$/);
      });

      it('images lists repository, tag and short ID', async () => {
        await ok(['pull', 'busybox']);
        const id = await imageId('busybox');
        const out = lines((await ok(['images'])).stdout);
        expect(out[0]).toMatch(/^REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE$/);
        expect(out).toContainEqual(expect.stringMatching(new RegExp(`^busybox\\s+latest\\s+${id.slice(7, 19)}\\s+.+ago\\s+\\d`)));
        expect((await ok(['images', '-q', 'busybox'])).stdout).toBe(`${id.slice(7, 19)}\n`);
      });

      it('tag adds a name for the same image; rmi untags it', async () => {
        await ok(['pull', 'busybox']);
        await ok(['tag', 'busybox', 'compat/bb:v1']);
        expect(await imageId('compat/bb:v1')).toBe(await imageId('busybox'));
        expect(lines((await ok(['images', '--format', '{{.Repository}}:{{.Tag}}'])).stdout)).toContain('compat/bb:v1');
        expect((await ok(['rmi', 'compat/bb:v1'])).stdout).toBe('Untagged: compat/bb:v1\n');
        const gone = await expectCode(1, ['inspect', 'compat/bb:v1']);
        expect(gone.stderr).toContain('No such object: compat/bb:v1');
        await ok(['inspect', 'busybox']);
      });

      it('history lists the layers newest first', async () => {
        await ok(['pull', 'busybox']);
        const id = await imageId('busybox');
        const out = lines((await ok(['history', 'busybox'])).stdout);
        expect(out[0]).toMatch(/^IMAGE\s+CREATED\s+CREATED BY\s+SIZE\s+COMMENT$/);
        expect(out.length).toBeGreaterThanOrEqual(2);
        expect(out[1].startsWith(`${id.slice(7, 19)} `)).toBe(true);
        for (const row of out.slice(2)) expect(row).toMatch(/^(<missing>|[0-9a-f]{12})\s/);
      });

      it('save -o and load -i round-trip an image through a tar file', async () => {
        await ok(['pull', 'busybox']);
        await ok(['tag', 'busybox', 'compat/saved:1']);
        const id = await imageId('compat/saved:1');
        const tar = path.join(dir, 'saved.tar');
        await ok(['save', '-o', tar, 'compat/saved:1']);
        const bytes = fs.readFileSync(tar);
        expect(bytes.length % 512).toBe(0);
        expect(bytes.includes('manifest.json')).toBe(true);
        await ok(['rmi', 'compat/saved:1']);
        await expectCode(1, ['inspect', 'compat/saved:1']);
        expect((await ok(['load', '-i', tar])).stdout).toBe('Loaded image: compat/saved:1\n');
        expect(await imageId('compat/saved:1')).toBe(id);
        expect((await ok(['run', '--rm', 'compat/saved:1', 'echo', 'loaded'])).stdout).toBe('loaded\n');
      });
    });

    describe('build (classic builder)', () => {
      it('build -f prints the steps and tags the image', async () => {
        const run = await ok(['build', '-f', 'Containerfile', '-t', 'compat/built:1', '.'], { cwd: context(), timeoutMs: 60000 });
        expect(run.stdout).toMatch(/^Sending build context to Docker daemon\s+[\d.]+k?B\r*\nStep 1\/7 /);
        expect(run.stdout).toContain('Step 1/7 : FROM busybox AS base\n');
        expect(run.stdout).toContain('Step 7/7 : CMD ["cat", "/greeting", "/message.txt"]\n');
        expect(run.stdout).toMatch(/\n ---> Running in [0-9a-f]{12}\n/);
        const built = /\nSuccessfully built ([0-9a-f]{12})\n/.exec(run.stdout);
        expect(built, run.stdout).not.toBeNull();
        expect(run.stdout).toMatch(/\nSuccessfully tagged compat\/built:1\n$/);
        expect((await imageId('compat/built:1')).slice(7, 19)).toBe(built![1]);
        expect((await ok(['run', '--rm', 'compat/built:1'])).stdout).toBe('hello\nfrom the context\n');
      });

      it('build -q prints only the image ID', async () => {
        const run = await ok(['build', '-q', '-f', 'Containerfile', '-t', 'compat/built:q', '.'], { cwd: context(), timeoutMs: 60000 });
        expect(run.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
        expect(run.stdout.trim()).toBe(await imageId('compat/built:q'));
      });

      it('build --build-arg overrides an ARG default', async () => {
        await ok(['build', '-q', '-f', 'Containerfile.args', '--build-arg', 'WHO=compat', '-t', 'compat/args:1', '.'], { cwd: context(), timeoutMs: 60000 });
        expect((await ok(['run', '--rm', 'compat/args:1'])).stdout).toBe('hi compat\n');
      });

      // The ARG step itself is answered from the cache (as in Docker); the RUN step that uses
      // the argument must not be.
      it('build with a changed --build-arg misses the RUN cache', async () => {
        const build = (who: string) => ok(['build', '-f', 'Containerfile.args', '--build-arg', `WHO=${who}`, '-t', `compat/args:${who}`, '.'], { cwd: context(), timeoutMs: 60000 });
        await build('first');
        const second = await build('second');
        const runStep = second.stdout.split(/^Step /m).find((step) => step.includes(': RUN '));
        expect(runStep).toBeDefined();
        expect(runStep).not.toContain('Using cache');
        expect((await ok(['run', '--rm', 'compat/args:second'])).stdout).toBe('hi second\n');
        expect((await ok(['run', '--rm', 'compat/args:first'])).stdout).toBe('hi first\n');
      });

      it('build --target stops at the named stage', async () => {
        const run = await ok(['build', '-f', 'Containerfile', '--target', 'base', '-t', 'compat/base', '.'], { cwd: context(), timeoutMs: 60000 });
        expect(run.stdout).toContain('Step 4/4 : COPY message.txt /message.txt\n');
        expect(run.stdout).not.toContain('Step 5/');
        expect(run.stdout).toContain('Successfully tagged compat/base:latest\n');
        expect((await ok(['run', '--rm', 'compat/base', 'cat', '/greeting'])).stdout).toBe('hello\n');
        const missing = await expectCode(1, ['run', '--rm', 'compat/base', 'ls', '/final']);
        expect(missing.stderr).toContain('/final: No such file or directory');
      });

      it('a failing RUN fails the build with moby\'s message and code', async () => {
        fs.writeFileSync(path.join(context(), 'Containerfile.fail'), 'FROM busybox\nRUN exit 7\n');
        const run = await expectCode(7, ['build', '-f', 'Containerfile.fail', '.'], { cwd: context(), timeoutMs: 60000 });
        expect(run.stderr).toContain("The command '/bin/sh -c exit 7' returned a non-zero code: 7");
      });
    });

    describe('daemon restart', () => {
      const sorted = (text: string) => lines(text).sort();
      const restartDaemon = async () => {
        expect(await daemon.stop()).toBe(0);
        daemon = await startSkiffd({ socket: socket(), dataRoot: dataRoot() });
      };

      it('keeps images, stopped containers, their names and logs', async () => {
        await ok(['pull', 'busybox']);
        await ok(['tag', 'busybox', 'compat/persist:1']);
        await expectCode(4, ['run', '--name', 'persist-exited', 'busybox', 'sh', '-c', 'echo persisted-log; echo kept > /kept; exit 4']);
        await ok(['create', '--name', 'persist-created', 'busybox', 'true']);
        await ok(['run', '-d', '--stop-timeout', '1', '--name', 'persist-running', 'busybox', 'sleep', '1000']);
        const names = (await ok(['ps', '-a', '--format', '{{.ID}} {{.Names}}'])).stdout;
        const images = (await ok(['images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}'])).stdout;

        await restartDaemon();

        expect(sorted((await ok(['ps', '-a', '--format', '{{.ID}} {{.Names}}'])).stdout)).toEqual(sorted(names));
        expect(sorted((await ok(['images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}'])).stdout)).toEqual(sorted(images));
        expect((await ok(['ps', '--format', '{{.Names}}'])).stdout).toBe('');
        const state = '{{.State.Status}} {{.State.ExitCode}}';
        expect((await ok(['inspect', '-f', state, 'persist-exited'])).stdout).toBe('exited 4\n');
        expect((await ok(['inspect', '-f', state, 'persist-created'])).stdout).toBe('created 0\n');
        expect((await ok(['inspect', '-f', state, 'persist-running'])).stdout).toBe('exited 137\n');
        expect((await ok(['logs', 'persist-exited'])).stdout).toBe('persisted-log\n');
        expect((await ok(['diff', 'persist-exited'])).stdout).toBe('A /kept\n'); // its writable layer survived the restart
        expect((await expectCode(4, ['start', '-a', 'persist-exited'])).stdout).toBe('persisted-log\n');
        expect((await ok(['logs', 'persist-exited'])).stdout).toBe('persisted-log\npersisted-log\n');
        expect((await ok(['run', '--rm', 'compat/persist:1', 'echo', 'after restart'])).stdout).toBe('after restart\n');
      }, 90000);

      // Containers created in the same second keep their order: the engine reloads them in
      // creation order (moby sorts by the nanosecond creation time).
      it('ps -a keeps its newest-first order across a restart', async () => {
        for (const n of ['order-a', 'order-b', 'order-c', 'order-d']) await ok(['create', '--name', n, 'busybox', 'true']);
        const before = (await ok(['ps', '-a', '--format', '{{.Names}}'])).stdout;
        expect(lines(before).slice(0, 4)).toEqual(['order-d', 'order-c', 'order-b', 'order-a']);
        await restartDaemon();
        expect((await ok(['ps', '-a', '--format', '{{.Names}}'])).stdout).toBe(before);
      }, 90000);
    });

    describe('volumes', () => {
      it('run -v binds a host directory both ways; :ro refuses writes; inspect shows the mount', async () => {
        const host = fs.mkdtempSync(path.join(dir, 'bind-'));
        fs.writeFileSync(path.join(host, 'in'), 'from host\n');
        const run = await ok(['run', '--rm', '-v', `${host}:/data`, 'busybox', 'sh', '-c', 'cat /data/in; echo from container > /data/out']);
        expect(run.stdout).toBe('from host\n');
        expect(fs.readFileSync(path.join(host, 'out'), 'utf8')).toBe('from container\n');
        const ro = await expectCode(1, ['run', '--name', 'bind-ro', '-v', `${host}:/data:ro`, 'busybox', 'touch', '/data/x']);
        expect(ro.stderr).toContain('Read-only file system');
        expect((await ok(['inspect', '-f', '{{range .Mounts}}{{.Type}} {{.Source}} {{.Destination}} {{.RW}}{{end}}', 'bind-ro'])).stdout).toBe(`bind ${host} /data false\n`);
        await ok(['rm', 'bind-ro']);
      });

      it('volume create, ls, inspect, a run that keeps data in it, rm and the in-use conflict', async () => {
        expect((await ok(['volume', 'create', 'compat-vol'])).stdout).toBe('compat-vol\n');
        expect(lines((await ok(['volume', 'ls', '-q'])).stdout)).toContain('compat-vol');
        expect((await ok(['volume', 'ls'])).stdout).toMatch(/^DRIVER\s+VOLUME NAME\n(.*\n)*local\s+compat-vol\n/);
        expect((await ok(['volume', 'inspect', '-f', '{{.Driver}} {{.Scope}} {{.Name}}', 'compat-vol'])).stdout).toBe('local local compat-vol\n');
        await ok(['run', '--name', 'vol-user', '-v', 'compat-vol:/v', 'busybox', 'sh', '-c', 'echo kept > /v/f']);
        expect((await ok(['run', '--rm', '--mount', 'type=volume,src=compat-vol,dst=/w', 'busybox', 'cat', '/w/f'])).stdout).toBe('kept\n');
        const busy = await expectCode(1, ['volume', 'rm', 'compat-vol']);
        expect(busy.stderr).toContain('remove compat-vol: volume is in use - [');
        await ok(['rm', 'vol-user']);
        expect((await ok(['volume', 'rm', 'compat-vol'])).stdout).toBe('compat-vol\n');
        expect(lines((await ok(['volume', 'ls', '-q'])).stdout)).not.toContain('compat-vol');
        const gone = await expectCode(1, ['volume', 'inspect', 'compat-vol']);
        expect(gone.stderr).toContain('no such volume');
      });
    });
  });
}
