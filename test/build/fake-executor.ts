// A fake BuildExecutor for the builder tests: "runs" a tiny command language on the image's
// flattened filesystem and reports the overlay changes, with no kernel. Commands (joined by
// `&&`): `echo words [> /file | >&2]`, `mkdir /dir`, `rm /path`, `ls /dir`, `exit N`, `true`.
import { applyLayer, type ImageStore, type LayerTree, type OverlayEntry } from '../../src/image/index.js';
import type { BuildExecutor, RunResult, RunStep } from '../../src/build/index.js';

/** Every step the fake ran, for assertions. */
export interface FakeRun {
  cmd: string[];
  env: string[];
  user: string;
  workdir: string;
}

/** The fake executor: `runs` records each call. */
export class FakeExecutor implements BuildExecutor {
  readonly runs: FakeRun[] = [];
  private n = 0;

  constructor(private readonly store: ImageStore) {}

  async run(step: RunStep): Promise<RunResult> {
    this.runs.push({ cmd: step.cmd, env: step.env, user: step.user, workdir: step.workdir });
    const tree: LayerTree = new Map();
    for (const l of step.layers) applyLayer(tree, await this.store.layerEntries(l));
    step.started((++this.n).toString(16).padStart(64, 'c'));
    const script = step.cmd[0] === '/bin/sh' || step.cmd[0] === 'sh' ? step.cmd[step.cmd.length - 1] : step.cmd.join(' ');
    const env = new Map(step.env.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
    const changes = new Map<string, OverlayEntry>();
    const enc = new TextEncoder();
    const touchParents = (path: string) => {
      const parts = path.split('/');
      for (let i = 1; i < parts.length; i++) {
        const p = parts.slice(0, i).join('/');
        if (!changes.has(p)) changes.set(p, { ...(tree.get(p) ?? { path: p, type: 'dir', mode: 0o755, uid: 0, gid: 0 }), mtimeMs: 5000 });
      }
    };
    for (const raw of script.split('&&')) {
      const words = raw.trim().split(/\s+/).map((w) => w.replace(/\$(\w+)/g, (_, k: string) => env.get(k) ?? ''));
      const [cmd, ...args] = words;
      const rel = (p: string) => p.replace(/^\/+/, '');
      if (cmd === 'exit') return { exitCode: Number(args[0]), changes: [] };
      if (cmd === 'true' || cmd === undefined) continue;
      if (cmd === 'echo') {
        const redirect = args.findIndex((a) => a === '>' || a === '>&2');
        const text = (redirect < 0 ? args : args.slice(0, redirect)).join(' ') + '\n';
        if (redirect < 0) step.output(enc.encode(text));
        else if (args[redirect] === '>&2') step.stderr(enc.encode(text));
        else {
          const path = rel(args[redirect + 1]);
          touchParents(path);
          changes.set(path, { path, type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: 5000, data: enc.encode(text) });
        }
      } else if (cmd === 'mkdir') {
        const path = rel(args[0]);
        touchParents(path);
        changes.set(path, { path, type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: 5000 });
      } else if (cmd === 'rm') {
        const path = rel(args[args.length - 1]);
        touchParents(path);
        changes.set(path, { path, type: 'chardev', mode: 0, uid: 0, gid: 0, mtimeMs: 5000, devmajor: 0, devminor: 0 });
      } else if (cmd === 'ls') {
        const dir = rel(args[0]);
        const prefix = dir === '' ? '' : `${dir}/`;
        const names = [...tree.keys()].filter((k) => k.startsWith(prefix) && !k.slice(prefix.length).includes('/')).map((k) => k.slice(prefix.length)).sort();
        step.output(enc.encode(names.join('\n') + '\n'));
      } else {
        throw new Error(`exec: "${cmd}": executable file not found in $PATH`);
      }
    }
    return { exitCode: 0, changes: [...changes.values()] };
  }
}
