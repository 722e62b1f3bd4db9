// Process credentials: user and group IDs, supplementary groups and capability sets.
// Capabilities are relative to the user namespace that owns them (see capable()).
import { CAPS_ALL, CAPS_NONE, hasCap, type CapSet } from '../../abi/index.js';
import type { UserNamespace } from '../ns/user-namespace.js';

/** struct cred. IDs are as seen in `userns`; the kernel maps them for permission checks. */
export class Credentials {
  uid = 0; euid = 0; suid = 0; fsuid = 0;
  gid = 0; egid = 0; sgid = 0; fsgid = 0;
  groups: number[] = [];
  effective: CapSet = CAPS_ALL;
  permitted: CapSet = CAPS_ALL;
  inheritable: CapSet = CAPS_NONE;
  bounding: CapSet = CAPS_ALL;

  constructor(public userns: UserNamespace) {}

  /** A copy, as fork gives the child. */
  clone(): Credentials {
    const c = new Credentials(this.userns);
    Object.assign(c, this);
    c.groups = [...this.groups];
    return c;
  }

  /** Does this process hold `cap` in its own user namespace? */
  hasCap(cap: number): boolean {
    return hasCap(this.effective, cap);
  }

  /**
   * Does this process hold `cap` over objects owned by `target` user namespace? True when the
   * caller's namespace is `target` or an ancestor of it (and the caller holds the capability),
   * or the caller's namespace owner created `target` (Linux's ns_capable()).
   */
  capableIn(target: UserNamespace, cap: number): boolean {
    for (let ns: UserNamespace | undefined = target; ns; ns = ns.parent) {
      if (ns === this.userns) return this.hasCap(cap);
      if (ns.parent === this.userns && ns.ownerUid === this.euid) return true;
    }
    return false;
  }
}
