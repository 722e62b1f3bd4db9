// The common part of every namespace: a kind and an inode number shown by /proc/<pid>/ns/<kind>.
import type { NamespaceKind } from '../../abi/index.js';

/** Base of all namespace objects. `inum` is unique per kernel, like proc_ns inode numbers. */
export abstract class Namespace {
  abstract readonly kind: NamespaceKind;
  constructor(readonly inum: number) {}

  /** The readlink text of /proc/<pid>/ns/<kind>, e.g. `pid:[4026531836]`. */
  get linkText(): string {
    return `${this.kind}:[${this.inum}]`;
  }
}
