// The entry names of a stored layer, read from its tar (ImageStore.layerTar) with tar-stream:
// what `tar tf` of the layer blob would list.
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import type { DiffID, ImageStore } from '../../src/image/index.js';

/** The names in a layer's tar, in order (directories end with `/` as tar-stream reports them). */
export async function layerTarNames(store: ImageStore, diffID: DiffID): Promise<string[]> {
  const extract = tar.extract();
  const names: string[] = [];
  Readable.from([await store.layerTar(diffID)]).pipe(extract);
  for await (const entry of extract) {
    names.push(entry.header.type === 'directory' && !entry.header.name.endsWith('/') ? `${entry.header.name}/` : entry.header.name);
    entry.resume();
  }
  return names;
}
