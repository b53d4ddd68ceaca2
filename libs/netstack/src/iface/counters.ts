/**
 * Host counters. Every received frame ends in exactly one bucket, either `delivered`
 * (a handler consumed it) or `dropped` (with the reason), so at every moment
 * `rxFrames === sum(delivered) + sum(dropped)`. Transmit-side losses (before a frame
 * exists on the wire) are counted separately in `txDropped`.
 */
import type { WireError } from '../wire/result';

export type DeliveryKind =
  | 'arp/request'
  | 'arp/reply'
  | 'icmp/echo-request'
  | 'icmp/echo-reply'
  | 'icmp/dst-unreachable'
  | 'udp'
  | 'tcp';

export type DropReason =
  | 'host/crashed'
  | `eth/${WireError}`
  | 'eth/not-for-us'
  | 'eth/unknown-ethertype'
  | `arp/${WireError}`
  /** A well-formed ARP packet whose target is another address (its sender may still be learned). */
  | 'arp/not-for-us'
  | `ipv4/${WireError}`
  | 'ipv4/not-for-us'
  | 'ipv4/unknown-protocol'
  | `icmp/${WireError}`
  /**
   * Well-formed but not acted upon: an echo request to a broadcast address (Linux's
   * icmp_echo_ignore_broadcasts), an echo reply nobody waits for, an error that matches
   * no socket that wants it (unconnected UDP, TCP).
   */
  | 'icmp/ignored'
  | `udp/${WireError}`
  /** No socket on the port: answered with ICMP port unreachable unless the datagram was a broadcast. */
  | 'udp/port-unreachable'
  | `tcp/${WireError}`
  /** TCP to a broadcast address (RFC 1122 §4.2.3.10). */
  | 'tcp/not-unicast';

export type TxDropReason =
  | 'host/crashed'
  /** ARP resolution gave up: the queued packets are discarded. */
  | 'arp/unresolved'
  /** The per-neighbour queue of packets awaiting ARP was full. */
  | 'arp/queue-full'
  /** Destination off-link and no gateway configured. */
  | 'ipv4/no-route';

export interface HostCounters {
  rxFrames: number;
  txFrames: number;
  delivered: Partial<Record<DeliveryKind, number>>;
  dropped: Partial<Record<DropReason, number>>;
  txDropped: Partial<Record<TxDropReason, number>>;
  arpRequestsSent: number;
  /** Addresses whose resolution was abandoned after the last retry. */
  arpResolutionsFailed: number;
}

export function emptyCounters(): HostCounters {
  return {
    rxFrames: 0,
    txFrames: 0,
    delivered: {},
    dropped: {},
    txDropped: {},
    arpRequestsSent: 0,
    arpResolutionsFailed: 0,
  };
}

export function bump<K extends string>(record: Partial<Record<K, number>>, key: K, by = 1): void {
  record[key] = (record[key] ?? 0) + by;
}

export function total(record: Partial<Record<string, number>>): number {
  let sum = 0;
  for (const value of Object.values(record)) sum += value ?? 0;
  return sum;
}
