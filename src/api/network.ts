// Wire types of the network routes (moby network.Inspect / CreateRequest / CreateResponse).

import type { EndpointSettings } from './container-config.js';

/** One IPAM pool. */
export interface IPAMConfig {
  Subnet?: string;
  IPRange?: string;
  Gateway?: string;
  AuxiliaryAddresses?: Record<string, string>;
}

/** IPAM block of a network. */
export interface IPAM {
  Driver: string;
  Options: Record<string, string> | null;
  Config: IPAMConfig[] | null;
}

/** A container endpoint as listed in a network inspect. */
export interface NetworkContainer {
  Name: string;
  EndpointID: string;
  MacAddress: string;
  IPv4Address: string;
  IPv6Address: string;
}

/** A network, as listed by GET /networks and returned by GET /networks/{id}. */
export interface Network {
  Name: string;
  Id: string;
  Created: string;
  Scope: string;
  Driver: string;
  EnableIPv4: boolean;
  EnableIPv6: boolean;
  IPAM: IPAM;
  Internal: boolean;
  Attachable: boolean;
  Ingress: boolean;
  ConfigFrom: { Network: string };
  ConfigOnly: boolean;
  Containers: Record<string, NetworkContainer>;
  Options: Record<string, string>;
  Labels: Record<string, string>;
}

/** Body of POST /networks/create. */
export interface NetworkCreateRequest {
  Name: string;
  Driver?: string;
  Scope?: string;
  EnableIPv4?: boolean | null;
  EnableIPv6?: boolean | null;
  IPAM?: IPAM | null;
  Internal?: boolean;
  Attachable?: boolean;
  Ingress?: boolean;
  ConfigOnly?: boolean;
  ConfigFrom?: { Network: string } | null;
  Options?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
}

/** 201 reply of POST /networks/create. */
export interface NetworkCreateResponse {
  Id: string;
  Warning: string;
}

/** Body of POST /networks/{id}/connect and /disconnect. */
export interface NetworkConnectRequest {
  Container: string;
  EndpointConfig?: EndpointSettings | null;
  Force?: boolean;
}

/** Reply of POST /networks/prune. */
export interface NetworkPruneReport {
  NetworksDeleted: string[] | null;
}
