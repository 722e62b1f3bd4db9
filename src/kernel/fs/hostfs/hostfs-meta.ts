// What hostfs knows about host files that the host cannot hold for it: ownership (the host
// files belong to the daemon's user; in the machine they are root's until chown'd), the exact
// mode where the host copy differs (set-id and sticky bits are never set on the host, owner
// access is always kept so the daemon can go on reading), and the type of special files
// (FIFOs and device nodes are empty regular files on the host). Kept in memory, shared by every
// mount of the same machine's host directories; lost when the daemon exits (the files are then
// root's, with their host modes).

/** The override of one host file, keyed by its host identity (dev:ino). */
export interface HostMetaRecord {
  uid: number;
  gid: number;
  /** Full st_mode the machine sees, valid while the host mode is still `hostMode`. */
  mode?: number;
  hostMode?: number;
  rdev?: number;
}

/** Overrides by host file identity. */
export class HostMeta {
  private readonly records = new Map<string, HostMetaRecord>();

  get(key: string): HostMetaRecord | undefined {
    return this.records.get(key);
  }

  /** Records ownership and mode; a record equal to the defaults is dropped. */
  set(key: string, rec: HostMetaRecord): void {
    if (rec.uid === 0 && rec.gid === 0 && rec.mode === undefined && !rec.rdev) this.records.delete(key);
    else this.records.set(key, rec);
  }

  /** The file is gone (its last link removed). */
  forget(key: string): void {
    this.records.delete(key);
  }
}
