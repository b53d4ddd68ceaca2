/**
 * Filtering database of a learning bridge (IEEE 802.1Q-2018 section 8.8; ageing time
 * default 300 s, section 8.8.3). A MAC is stored as a 48-bit integer key.
 * Entries expire lazily on lookup and in sweep(); when the table is full, new
 * addresses are not learned (their frames are flooded), as a bridge with a full FDB does.
 */
import { PortId } from '../impair/impairment';

export const DEFAULT_AGEING_NS = 300n * 1_000_000_000n;

export interface MacEntry {
  readonly mac: string;
  readonly port: PortId;
  readonly lastSeenNs: bigint;
}

interface Slot {
  port: PortId;
  lastSeenNs: bigint;
}

export function macKey(frame: Uint8Array, offset: number): number {
  return (
    (frame[offset] * 0x10000 + frame[offset + 1] * 0x100 + frame[offset + 2]) * 0x1000000 +
    (frame[offset + 3] * 0x10000 + frame[offset + 4] * 0x100 + frame[offset + 5])
  );
}

export function macKeyToString(key: number): string {
  return key
    .toString(16)
    .padStart(12, '0')
    .replace(/(..)(?!$)/g, '$1:');
}

export class MacTable {
  private readonly slots = new Map<number, Slot>();

  constructor(
    private readonly ageingNs: bigint = DEFAULT_AGEING_NS,
    private readonly capacity = 4096,
  ) {}

  get size(): number {
    return this.slots.size;
  }

  /** Records that `key` was seen as a source on `port`; a station that moved is re-learned. */
  learn(key: number, port: PortId, nowNs: bigint): void {
    const slot = this.slots.get(key);
    if (slot) {
      slot.port = port;
      slot.lastSeenNs = nowNs;
    } else if (this.slots.size < this.capacity) {
      this.slots.set(key, { port, lastSeenNs: nowNs });
    }
  }

  /** The port `key` was last seen on, or undefined when unknown or aged out. */
  lookup(key: number, nowNs: bigint): PortId | undefined {
    const slot = this.slots.get(key);
    if (!slot) return undefined;
    if (nowNs - slot.lastSeenNs >= this.ageingNs) {
      this.slots.delete(key);
      return undefined;
    }
    return slot.port;
  }

  forgetPort(port: PortId): void {
    for (const [key, slot] of this.slots) if (slot.port === port) this.slots.delete(key);
  }

  /** Removes aged entries; returns how many. */
  sweep(nowNs: bigint): number {
    let removed = 0;
    for (const [key, slot] of this.slots) {
      if (nowNs - slot.lastSeenNs >= this.ageingNs) {
        this.slots.delete(key);
        removed++;
      }
    }
    return removed;
  }

  entries(): MacEntry[] {
    return [...this.slots].map(([key, slot]) => ({
      mac: macKeyToString(key),
      port: slot.port,
      lastSeenNs: slot.lastSeenNs,
    }));
  }
}
