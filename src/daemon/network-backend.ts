// Backend interface of the network routes (/networks/...). When the engine provides none,
// the daemon serves staticNetworkBackend (the predefined bridge/host/none networks).

import type { Filters, Network, NetworkConnectRequest, NetworkCreateRequest, NetworkCreateResponse, NetworkPruneReport } from '../api/index.js';

/** What the network routes need from the engine. */
export interface NetworkBackend {
  /** All networks; the daemon filters (name, id, driver, type, label). */
  networkList(): Promise<Network[]>;
  /** By full ID, name, or ID prefix; 404 "network <x> not found". */
  networkInspect(idOrName: string): Promise<Network>;
  /** 409 "network with name x already exists". */
  networkCreate(request: NetworkCreateRequest): Promise<NetworkCreateResponse>;
  /** 403 for predefined networks or active endpoints. */
  networkRemove(idOrName: string): Promise<void>;
  networkConnect(idOrName: string, request: NetworkConnectRequest): Promise<void>;
  networkDisconnect(idOrName: string, request: NetworkConnectRequest): Promise<void>;
  networkPrune(filters: Filters): Promise<NetworkPruneReport>;
}
