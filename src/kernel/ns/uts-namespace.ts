// UTS namespaces: hostname and NIS domain name, as uname(2) and sethostname(2) see them.
import { Namespace } from './namespace.js';
import type { UserNamespace } from './user-namespace.js';

export class UtsNamespace extends Namespace {
  readonly kind = 'uts' as const;
  constructor(inum: number, readonly owner: UserNamespace, public hostname: string, public domainname = '(none)') {
    super(inum);
  }
}
