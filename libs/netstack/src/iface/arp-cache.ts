/**
 * Neighbour cache for IPv4 over Ethernet (RFC 826, RFC 1122 §2.3.2.1-2): resolved entries
 * with a lifetime, and pending resolutions that hold outgoing frames, retry the request
 * and give up after a bounded number of attempts. Takes time as an argument; the host
 * sends the requests and frames it returns.
 */
import type { Ipv4Addr, MacAddr } from '../wire/ip-types';

export interface ArpConfig {
  /** ms between requests for one address (Linux: retrans_time 1 s). */
  retryInterval: number;
  /** Requests sent before giving up (Linux: 3 multicast probes). */
  maxAttempts: number;
  /** Frames held per unresolved address; more are dropped (RFC 1122 §2.3.2.2 SHOULD save at least one). */
  queueLimit: number;
  /** ms a resolved entry stays valid before it is resolved again. */
  entryLifetime: number;
}

export const DEFAULT_ARP_CONFIG: ArpConfig = {
  retryInterval: 1000,
  maxAttempts: 3,
  queueLimit: 32,
  entryLifetime: 60_000,
};

interface Entry {
  mac: MacAddr;
  expiresAt: number;
}

interface Pending {
  attempts: number;
  nextRetryAt: number;
  /** Complete Ethernet frames whose destination MAC is filled in on resolution. */
  frames: Uint8Array[];
}

export interface ArpPollResult {
  /** Addresses to send another request for. */
  retry: Ipv4Addr[];
  /** Addresses given up on, with the number of frames discarded for each. */
  failed: Array<{ addr: Ipv4Addr; discarded: number }>;
}

export class ArpCache {
  private readonly entries = new Map<Ipv4Addr, Entry>();
  private readonly pending = new Map<Ipv4Addr, Pending>();

  constructor(readonly config: ArpConfig = DEFAULT_ARP_CONFIG) {}

  lookup(now: number, addr: Ipv4Addr): MacAddr | null {
    const entry = this.entries.get(addr);
    if (!entry) return null;
    if (entry.expiresAt <= now) {
      this.entries.delete(addr);
      return null;
    }
    return entry.mac;
  }

  has(addr: Ipv4Addr): boolean {
    return this.entries.has(addr);
  }

  /** Records `addr → mac` (copied) and returns the frames that were waiting for it, oldest first. */
  learn(now: number, addr: Ipv4Addr, mac: MacAddr): Uint8Array[] {
    this.entries.set(addr, { mac: mac.slice(0, 6), expiresAt: now + this.config.entryLifetime });
    const waiting = this.pending.get(addr);
    if (!waiting) return [];
    this.pending.delete(addr);
    return waiting.frames;
  }

  /**
   * Holds `frame` until `addr` resolves. Returns 'request' when a new resolution starts
   * (the caller sends the first request now), 'queued' when one is under way, 'full'
   * when the frame was refused.
   */
  enqueue(now: number, addr: Ipv4Addr, frame: Uint8Array): 'request' | 'queued' | 'full' {
    const waiting = this.pending.get(addr);
    if (!waiting) {
      this.pending.set(addr, { attempts: 1, nextRetryAt: now + this.config.retryInterval, frames: [frame] });
      return 'request';
    }
    if (waiting.frames.length >= this.config.queueLimit) return 'full';
    waiting.frames.push(frame);
    return 'queued';
  }

  poll(now: number): ArpPollResult {
    const result: ArpPollResult = { retry: [], failed: [] };
    for (const [addr, waiting] of this.pending) {
      if (waiting.nextRetryAt > now) continue;
      if (waiting.attempts >= this.config.maxAttempts) {
        this.pending.delete(addr);
        result.failed.push({ addr, discarded: waiting.frames.length });
      } else {
        waiting.attempts += 1;
        waiting.nextRetryAt = now + this.config.retryInterval;
        result.retry.push(addr);
      }
    }
    return result;
  }

  pollAt(): number | null {
    let at: number | null = null;
    for (const waiting of this.pending.values()) {
      if (at === null || waiting.nextRetryAt < at) at = waiting.nextRetryAt;
    }
    return at;
  }

  /** Forgets every entry and every pending frame (reboot). */
  clear(): void {
    this.entries.clear();
    this.pending.clear();
  }
}
