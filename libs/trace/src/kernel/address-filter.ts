/**
 * tracefs event filters (Documentation/trace/events.rst §5) that keep only events touching
 * the lab's addresses. The tracepoints carry no network namespace, so attribution is by
 * address, and lab addresses are unique on the host (10.202.0.0/16 by convention).
 *
 * The kernel compares a 4-byte `__u8 saddr[4]` field as a host-order u32 loaded from the
 * network-order bytes, so 10.202.9.1 is written as 0x0109ca0a on a little-endian host.
 */
import { ipv4ToBytes } from '../model/ipv4-text';
import type { EventFormat } from './event-format';

export function filterWordForIpv4(addr: string): string {
  const bytes = ipv4ToBytes(addr);
  return `0x${Buffer.from(bytes).readUInt32LE(0).toString(16).padStart(8, '0')}`;
}

/**
 * `(family == 2 || family == 10) && (saddr == A || daddr == A || …)`; null when the event has
 * no 4-byte address fields (tcp_send_reset stores whole sockaddrs) — those are filtered in
 * userspace only. AF_INET6 (10) is kept because a dual-stack socket (Java's, or any program
 * that opens AF_INET6 and talks to an IPv4 peer) speaks IPv4 through v4-mapped addresses
 * (RFC 4291 §2.5.5.2), and the tracepoint stores its IPv4 addresses in saddr/daddr too.
 */
export function addressFilter(addresses: readonly string[], format: EventFormat): string | null {
  const fields = format.fields;
  if (addresses.length === 0 || fields.get('saddr')?.size !== 4 || fields.get('daddr')?.size !== 4)
    return null;
  const terms = addresses.flatMap((a) => {
    const word = filterWordForIpv4(a);
    return [`saddr == ${word}`, `daddr == ${word}`];
  });
  const family = fields.has('family') ? '(family == 2 || family == 10) && ' : '';
  return `${family}(${terms.join(' || ')})`;
}
