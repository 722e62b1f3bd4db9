// Image layers as read-only directories in the kernel (/var/lib/skiff/layers/<diffid-hex>/),
// extracted once per machine and shared by every container whose image has the layer (like
// overlay2's l/ directories). OCI whiteouts become overlay ones on the way in.
import type { TreeEntry } from '../../abi/index.js';
import { OPAQUE_MARKER, digestHex, ociToOverlay, type DiffID } from '../../image/index.js';
import { extractLayer } from '../../runtime/index.js';
import type { Libc } from '../../userland/libc/index.js';

/** OCI layer entries → what an overlay lower directory holds (0/0 devices, opaque markers). */
export function layerDirEntries(oci: readonly TreeEntry[]): TreeEntry[] {
  const out: TreeEntry[] = [];
  for (const { opaque, ...e } of ociToOverlay(oci)) {
    out.push(e);
    if (opaque) out.push({ path: `${e.path}/${OPAQUE_MARKER}`, type: 'file', mode: 0, uid: 0, gid: 0, mtimeMs: e.mtimeMs, data: new Uint8Array() });
  }
  return out;
}

/** The extracted layers of one machine. */
export class LayerDirs {
  /** Extractions in flight or done by this engine, by diffID (single-flight). */
  private readonly pending = new Map<DiffID, Promise<string>>();
  /** How many layers this engine has extracted (a reused directory does not count). */
  extractions = 0;

  constructor(private readonly libc: Libc, /** e.g. /var/lib/skiff/layers */ readonly dir: string) {}

  /** The directory of a layer. */
  pathOf(diffID: DiffID): string {
    return `${this.dir}/${digestHex(diffID)}`;
  }

  /**
   * The directory holding layer `diffID`, extracting it first if this machine lacks it.
   * `load` gives the layer's OCI entries (ImageStore.layerEntries).
   */
  ensure(diffID: DiffID, load: () => Promise<readonly TreeEntry[]>): Promise<string> {
    let p = this.pending.get(diffID);
    if (!p) {
      // Atomic: no await between the lookup and the insert.
      p = (async () => {
        const path = this.pathOf(diffID);
        if (await this.libc.statOrUndefined(path, false)) return path; // extracted by an earlier engine on this machine
        if (await extractLayer(this.libc, path, layerDirEntries(await load()))) this.extractions++;
        return path;
      })();
      this.pending.set(diffID, p);
      p.catch(() => this.pending.delete(diffID));
    }
    return p;
  }
}
