// Tars a folder of the real disk as a build context (what `docker build <dir>` uploads), with
// tar-stream: paths relative to the folder, directories before their contents, modes kept,
// mtimes fixed so two tars of the same files are byte-identical; `replace` swaps file contents.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import tar from 'tar-stream';

/** The folder `dir` as a tar; `replace` maps a relative path to new contents. */
export async function contextTar(dir: string, replace: Record<string, string> = {}): Promise<Uint8Array> {
  const pack = tar.pack();
  const walk = async (rel: string): Promise<void> => {
    const names = (await readdir(join(dir, rel))).sort();
    for (const name of names) {
      const path = rel ? `${rel}/${name}` : name;
      const st = await stat(join(dir, path));
      if (st.isDirectory()) {
        pack.entry({ name: `${path}/`, type: 'directory', mode: st.mode & 0o7777, mtime: new Date(0) });
        await walk(path);
      } else if (st.isFile()) {
        const data = path in replace ? Buffer.from(replace[path]) : await readFile(join(dir, path));
        pack.entry({ name: path, mode: st.mode & 0o7777, mtime: new Date(0) }, data);
      }
    }
  };
  await walk('');
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}
