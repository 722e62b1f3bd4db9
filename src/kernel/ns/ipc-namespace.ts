// IPC namespaces: an identity only (System V IPC and POSIX message queues are not modelled).
import { Namespace } from './namespace.js';
import type { UserNamespace } from './user-namespace.js';

export class IpcNamespace extends Namespace {
  readonly kind = 'ipc' as const;
  constructor(inum: number, readonly owner: UserNamespace) {
    super(inum);
  }
}
