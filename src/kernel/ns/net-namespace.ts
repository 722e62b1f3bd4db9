// Network namespaces: each starts with a loopback interface; the network issue fills in the rest.
import { Namespace } from './namespace.js';
import type { UserNamespace } from './user-namespace.js';

/** A network interface as `ip link` shows it. */
export interface NetInterface {
  name: string;
  index: number;
  up: boolean;
  addresses: string[];
  rxBytes: number;
  txBytes: number;
  rxPackets: number;
  txPackets: number;
}

export class NetNamespace extends Namespace {
  readonly kind = 'net' as const;
  readonly interfaces: NetInterface[] = [
    { name: 'lo', index: 1, up: true, addresses: ['127.0.0.1/8'], rxBytes: 0, txBytes: 0, rxPackets: 0, txPackets: 0 },
  ];
  constructor(inum: number, readonly owner: UserNamespace) {
    super(inum);
  }
}
