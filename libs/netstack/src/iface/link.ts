/**
 * An in-memory Ethernet segment (a hub): every frame one attached interface transmits
 * reaches every other one after `latency` ms. Frames are queued and delivered from
 * `poll`, never re-entrantly from inside a transmit, so a host is never re-entered while
 * it is still handling the frame that caused the transmission.
 */
import type { FrameSink } from './host';

export interface LinkEndpoint {
  receiveFrame(now: number, frame: Uint8Array): void;
  setTransmit(sink: FrameSink): void;
}

export interface LinkOptions {
  /** One-way delay in ms (default 0: delivered at the next poll at the same time). */
  latency?: number;
  /** Sees every frame as it is put on the link, with the index of the sending endpoint. */
  tap?: (frame: Uint8Array, now: number, from: number) => void;
}

interface InFlight {
  at: number;
  from: number;
  frame: Uint8Array;
}

export class Link {
  private readonly endpoints: LinkEndpoint[] = [];
  private queue: InFlight[] = [];
  private readonly latency: number;
  private readonly tap: LinkOptions['tap'];

  constructor(options: LinkOptions = {}) {
    this.latency = options.latency ?? 0;
    this.tap = options.tap;
  }

  attach(endpoint: LinkEndpoint): void {
    const index = this.endpoints.length;
    this.endpoints.push(endpoint);
    endpoint.setTransmit((frame, now) => {
      this.tap?.(frame, now, index);
      this.queue.push({ at: now + this.latency, from: index, frame });
    });
  }

  /** Frames on the wire and not yet delivered. */
  get inFlight(): number {
    return this.queue.length;
  }

  /** Delivers every frame due by `now`, in transmission order, including frames sent in response. */
  poll(now: number): void {
    while (this.queue.length > 0) {
      const due = this.queue.filter((f) => f.at <= now);
      if (due.length === 0) return;
      this.queue = this.queue.filter((f) => f.at > now);
      for (const { from, frame } of due) {
        this.endpoints.forEach((endpoint, index) => {
          if (index !== from) endpoint.receiveFrame(now, frame);
        });
      }
    }
  }

  pollAt(): number | null {
    let at: number | null = null;
    for (const f of this.queue) if (at === null || f.at < at) at = f.at;
    return at;
  }
}
