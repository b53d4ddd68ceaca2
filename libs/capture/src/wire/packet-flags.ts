/**
 * epb_flags (§4.3.1, "Enhanced Packet Block Flags Word"), a 32-bit word:
 *   bits 0-1   direction: 00 = not available, 01 = inbound, 10 = outbound
 *   bits 2-4   reception type (unicast, multicast, broadcast, promiscuous)
 *   bits 5-8   FCS length in octets
 *   bits 16-31 link-layer-dependent error flags
 * socklab writes only the direction; readers keep the whole word for callers that care.
 */
export type Direction = 'inbound' | 'outbound' | 'unknown';

const DIRECTION_MASK = 0b11;

export function directionToFlags(direction: Direction): number {
  switch (direction) {
    case 'inbound':
      return 0b01;
    case 'outbound':
      return 0b10;
    case 'unknown':
      return 0;
  }
}

/** Value 11 is not assigned by the spec; it is reported as 'unknown'. */
export function directionFromFlags(flags: number): Direction {
  switch (flags & DIRECTION_MASK) {
    case 0b01:
      return 'inbound';
    case 0b10:
      return 'outbound';
    default:
      return 'unknown';
  }
}
