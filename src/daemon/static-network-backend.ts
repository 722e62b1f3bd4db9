// A NetworkBackend with only Docker's predefined networks (bridge, host, none), used until the
// engine provides networks: list and inspect work, changes are refused.

import { createHash } from 'node:crypto';
import { ApiError, type Network } from '../api/index.js';
import type { NetworkBackend } from './network-backend.js';

function predefined(name: string, driver: string, subnet?: string, gateway?: string): Network {
  return {
    Name: name,
    Id: createHash('sha256').update(`skiff-network-${name}`).digest('hex'),
    Created: '2024-01-01T00:00:00Z',
    Scope: 'local',
    Driver: driver,
    EnableIPv4: true,
    EnableIPv6: false,
    IPAM: { Driver: 'default', Options: null, Config: subnet ? [{ Subnet: subnet, Gateway: gateway }] : [] },
    Internal: false,
    Attachable: false,
    Ingress: false,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: {},
    Options: name === 'bridge' ? { 'com.docker.network.bridge.default_bridge': 'true', 'com.docker.network.bridge.name': 'docker0' } : {},
    Labels: {},
  };
}

/** The predefined networks only. Create/connect are not-implemented; removing one is forbidden. */
export function staticNetworkBackend(): NetworkBackend {
  const networks = [predefined('bridge', 'bridge', '172.17.0.0/16', '172.17.0.1'), predefined('host', 'host'), predefined('none', 'null')];
  const find = (ref: string): Network => {
    const n = networks.find((x) => x.Name === ref || x.Id === ref) ?? networks.find((x) => ref.length >= 1 && x.Id.startsWith(ref));
    if (!n) throw ApiError.notFound(`network ${ref} not found`);
    return n;
  };
  return {
    networkList: async () => networks,
    networkInspect: async (ref) => find(ref),
    networkCreate: async () => { throw ApiError.notImplemented('creating networks is not implemented'); },
    networkRemove: async (ref) => { throw ApiError.forbidden(`${find(ref).Name} is a pre-defined network and cannot be removed`); },
    networkConnect: async () => { throw ApiError.notImplemented('connecting networks is not implemented'); },
    networkDisconnect: async () => { throw ApiError.notImplemented('disconnecting networks is not implemented'); },
    networkPrune: async () => ({ NetworksDeleted: [] }),
  };
}
