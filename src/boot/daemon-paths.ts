// skiffd's default locations and its data-root lock (one daemon per data root).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `$XDG_DATA_HOME/skiff`, else `~/.local/share/skiff`. */
export function defaultDataRoot(env: Record<string, string | undefined> = process.env): string {
  if (env.XDG_DATA_HOME) return path.join(env.XDG_DATA_HOME, 'skiff');
  return path.join(env.HOME ?? os.homedir(), '.local', 'share', 'skiff');
}

/** Is a process with this PID alive on the host? */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `<dataRoot>/skiffd.pid` exclusively. A lock left by a dead daemon is replaced; a live
 * one makes this throw a message naming the other daemon. Returns a release function.
 */
export function lockDataRoot(dataRoot: string): () => void {
  fs.mkdirSync(dataRoot, { recursive: true, mode: 0o700 });
  const lockPath = path.join(dataRoot, 'skiffd.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx', 0o600);
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      return () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8').trim() === String(process.pid)) fs.unlinkSync(lockPath);
        } catch { /* already gone */ }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const other = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (other && other !== process.pid && alive(other)) {
        throw new Error(`another skiffd (pid ${other}) is using the data root ${dataRoot}; stop it first or pass --data-root`);
      }
      fs.rmSync(lockPath, { force: true }); // stale: its daemon is gone
    }
  }
  throw new Error(`could not lock the data root ${dataRoot}`);
}
