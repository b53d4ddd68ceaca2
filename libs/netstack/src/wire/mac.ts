/** Ethernet MAC address helpers (IEEE 802). */
import type { MacAddr } from './ip-types';

export const BROADCAST_MAC: Readonly<MacAddr> = Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
export const ZERO_MAC: Readonly<MacAddr> = new Uint8Array(6);

export function parseMac(text: string): MacAddr {
  const parts = text.split(':');
  if (parts.length !== 6 || parts.some((p) => !/^[0-9a-fA-F]{2}$/.test(p))) {
    throw new RangeError(`not a MAC address: ${JSON.stringify(text)}`);
  }
  return Uint8Array.from(parts, (p) => parseInt(p, 16));
}

export function formatMac(mac: Uint8Array): string {
  return Array.from(mac.subarray(0, 6), (b) => b.toString(16).padStart(2, '0')).join(':');
}

export function macEquals(a: Uint8Array, b: Uint8Array): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3] && a[4] === b[4] && a[5] === b[5];
}

/** Group bit (I/G, least significant bit of the first octet): broadcast and multicast. */
export function isGroupMac(mac: Uint8Array): boolean {
  return (mac[0] & 1) === 1;
}

export function isBroadcastMac(mac: Uint8Array): boolean {
  return macEquals(mac, BROADCAST_MAC);
}
