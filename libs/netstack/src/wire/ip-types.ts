/**
 * IPv4 address as an unsigned 32-bit integer in host order: 10.0.0.1 is 0x0a000001.
 * Numbers keep demultiplexing and hashing cheap; format with `formatIpv4` for people.
 */
export type Ipv4Addr = number;

/** 48-bit Ethernet MAC address, six bytes. */
export type MacAddr = Uint8Array;

export interface Endpoint {
  addr: Ipv4Addr;
  port: number;
}

/** A connection's identity seen from one endpoint ("local") toward the other ("remote"). */
export interface FourTuple {
  local: Endpoint;
  remote: Endpoint;
}

export function parseIpv4(text: string): Ipv4Addr {
  const parts = text.split('.');
  if (parts.length !== 4) throw new RangeError(`not an IPv4 address: ${JSON.stringify(text)}`);
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) {
      throw new RangeError(`not an IPv4 address: ${JSON.stringify(text)}`);
    }
    value = value * 256 + Number(part);
  }
  return value >>> 0;
}

export function formatIpv4(addr: Ipv4Addr): string {
  return `${addr >>> 24}.${(addr >>> 16) & 255}.${(addr >>> 8) & 255}.${addr & 255}`;
}

export function formatEndpoint(ep: Endpoint): string {
  return `${formatIpv4(ep.addr)}:${ep.port}`;
}
