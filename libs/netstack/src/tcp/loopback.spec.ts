/**
 * Two TCP layers wired back to back through an in-test network with a fixed delay that
 * can drop and reorder chosen segments; time is virtual.
 */
import { parseIpv4 } from '../wire/ip-types';
import type { TcpRepr } from '../wire/tcp-repr';
import type { TcpConfig, TcpLayer, TcpSocket, TcpTransition } from './api';
import { createTcpLayer } from './layer';

const A = parseIpv4('192.168.0.1');
const B = parseIpv4('192.168.0.2');

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

interface InFlight {
  at: number;
  order: number;
  to: TcpLayer;
  src: number;
  dst: number;
  seg: TcpRepr;
}

class Wire {
  now = 0;
  private queue: InFlight[] = [];
  private order = 0;
  readonly a: TcpLayer;
  readonly b: TcpLayer;
  readonly transitions: TcpTransition[] = [];
  /** Decides the fate of each segment: null = drop, else its one-way delay. */
  fate: (seg: TcpRepr, from: 'a' | 'b') => number | null = () => 1;

  constructor(config: Partial<TcpConfig> = {}) {
    const hooks = { onTransition: (t: TcpTransition) => this.transitions.push(t) };
    this.a = createTcpLayer({
      localAddrs: [A],
      config: { ...config, isn: { kind: 'seeded', seed: 1 } },
      hooks,
      output: (src, dst, seg) => this.carry(this.b, src, dst, seg, 'a'),
    });
    this.b = createTcpLayer({
      localAddrs: [B],
      config: { ...config, isn: { kind: 'seeded', seed: 2 } },
      hooks,
      output: (src, dst, seg) => this.carry(this.a, src, dst, seg, 'b'),
    });
  }

  private carry(to: TcpLayer, src: number, dst: number, seg: TcpRepr, from: 'a' | 'b'): void {
    const delay = this.fate(seg, from);
    if (delay === null) return;
    this.queue.push({ at: this.now + delay, order: this.order++, to, src, dst, seg });
  }

  /** Runs the network and both hosts until `until` returns true or nothing is pending. */
  run(until: () => boolean, limit = 600000): void {
    while (!until()) {
      const timers = [this.a.pollAt(), this.b.pollAt()].filter((t): t is number => t !== null);
      const nextPacket = this.queue.reduce<number | null>(
        (m, p) => (m === null || p.at < m ? p.at : m),
        null,
      );
      const next = Math.min(...timers, nextPacket ?? Infinity);
      if (next === Infinity) return;
      this.now = Math.max(this.now, next);
      if (this.now > limit) throw new Error('simulation ran too long');
      const due = this.queue.filter((p) => p.at <= this.now).sort((x, y) => x.at - y.at || x.order - y.order);
      this.queue = this.queue.filter((p) => p.at > this.now);
      for (const p of due) p.to.receive(this.now, p.src, p.dst, p.seg);
      this.a.poll(this.now);
      this.b.poll(this.now);
    }
  }
}

function pair(wire: Wire): { client: TcpSocket; server: () => TcpSocket } {
  const listener = wire.b.listen(wire.now, 7000);
  const client = wire.a.connect(wire.now, { addr: B, port: 7000 });
  let server: TcpSocket | null = null;
  listener.onConnection(() => (server = listener.accept()));
  wire.run(() => server !== null && client.state === 'ESTABLISHED');
  return { client, server: () => server! };
}

describe('two layers back to back', () => {
  it('transfers 1 MiB with random segmentation, drops and reordering, byte for byte', () => {
    const random = prng(42);
    const wire = new Wire({ delayedAck: 40, receiveBufferSize: 32768, windowScale: 2 });
    const { client, server } = pair(wire);
    let dataSegments = 0;
    wire.fate = (seg) => {
      if (seg.payload.length === 0) return 1;
      dataSegments++;
      if (dataSegments % 97 === 0) return null; // drop
      return random() < 0.05 ? 8 : 1; // reorder a few
    };
    const total = 1 << 20;
    const source = new Uint8Array(total);
    for (let i = 0; i < total; i++) source[i] = Math.floor(random() * 256);
    const received: Uint8Array[] = [];
    let receivedBytes = 0;
    const peer = server();
    peer.on('data', () => {
      if (random() < 0.3) return; // the reader is sometimes slow
      const chunk = peer.read(wire.now);
      received.push(chunk);
      receivedBytes += chunk.length;
    });
    let written = 0;
    const write = (): void => {
      while (written < total) {
        const size = Math.min(total - written, 1 + Math.floor(random() * 5000));
        const segmentation = random() < 0.2 ? 1 + Math.floor(random() * 1400) : 'auto';
        const taken = client.send(wire.now, source.subarray(written, written + size), { segmentation });
        written += taken;
        if (taken < size) return;
      }
      client.close(wire.now);
    };
    client.on('writable', write);
    write();
    peer.on('eof', () => {
      // The slow reader may still hold the stream's tail: take it before closing.
      if (peer.readableBytes > 0) {
        const chunk = peer.read(wire.now);
        received.push(chunk);
        receivedBytes += chunk.length;
      }
      peer.close(wire.now);
    });
    wire.run(() => {
      if (peer.readableBytes > 0 && random() < 0.5) {
        const chunk = peer.read(wire.now);
        received.push(chunk);
        receivedBytes += chunk.length;
      }
      return client.state === 'TIME_WAIT' && peer.state === 'CLOSED';
    });
    expect(receivedBytes).toBe(total);
    const joined = new Uint8Array(total);
    let offset = 0;
    for (const chunk of received) {
      joined.set(chunk, offset);
      offset += chunk.length;
    }
    expect(Buffer.from(joined).equals(Buffer.from(source))).toBe(true);
    wire.run(() => false);
    expect(client.state).toBe('CLOSED');
    expect(wire.now).toBeLessThan(120000);
  });

  it('simultaneous open: both sides pass SYN-SENT → SYN-RECEIVED → ESTABLISHED', () => {
    const wire = new Wire();
    const a = wire.a.connect(0, { addr: B, port: 9000 }, { localPort: 9001 });
    const b = wire.b.connect(0, { addr: A, port: 9001 }, { localPort: 9000 });
    wire.run(() => a.state === 'ESTABLISHED' && b.state === 'ESTABLISHED');
    const path = (s: TcpSocket): string[] =>
      wire.transitions.filter((t) => t.conn.local.port === s.local.port).map((t) => t.to);
    expect(path(a)).toEqual(['SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED']);
    expect(path(b)).toEqual(['SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED']);
    a.send(wire.now, new Uint8Array([1, 2, 3]));
    wire.run(() => b.readableBytes === 3);
    expect(b.read(wire.now)).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('simultaneous close: both sides pass FIN-WAIT-1 → CLOSING → TIME-WAIT', () => {
    const wire = new Wire();
    const { client, server } = pair(wire);
    const peer = server();
    client.close(wire.now);
    peer.close(wire.now);
    wire.run(() => client.state === 'TIME_WAIT' && peer.state === 'TIME_WAIT');
    for (const s of [client, peer]) {
      const path = wire.transitions.filter(
        (t) => t.conn.local.port === s.local.port && t.conn.remote.port === s.remote.port,
      );
      expect(path.map((t) => t.to).slice(-3)).toEqual(['FIN_WAIT_1', 'CLOSING', 'TIME_WAIT']);
    }
  });

  it('recovers from a lost final ACK: the peer retransmits its FIN and TIME-WAIT re-ACKs it', () => {
    const wire = new Wire();
    const { client, server } = pair(wire);
    const peer = server();
    let dropNextPureAck = false;
    wire.fate = (seg, from) => {
      if (dropNextPureAck && from === 'a' && seg.flags.ack && !seg.flags.fin && seg.payload.length === 0) {
        dropNextPureAck = false;
        return null;
      }
      return 1;
    };
    client.close(wire.now);
    wire.run(() => peer.state === 'CLOSE_WAIT');
    dropNextPureAck = true;
    peer.close(wire.now);
    wire.run(() => peer.state === 'CLOSED');
    expect(client.state).toBe('TIME_WAIT');
    expect(dropNextPureAck).toBe(false);
  });
});
