/**
 * Fuzz-style robustness: thousands of random and mutated frames (seeded, reproducible)
 * into a host. Nothing may throw, every frame must land in exactly one counter bucket,
 * and the host must still answer ARP, ping and UDP correctly afterwards.
 */
import { FIXTURES } from '../wire/__fixtures__/frames';
import { foldComplement, internetChecksum, pseudoHeaderSum, sumWords } from '../wire/checksum';
import { createTcpLayer } from '../tcp';
import { total } from './counters';
import { lan, macOf } from './__fixtures__/lan';

function xorshift(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

/**
 * Fixes the IPv4 header checksum and, when the lengths allow, the transport checksum,
 * so that mutations reach the deeper parsers instead of all dying at the first check.
 */
function reseal(frame: Uint8Array): void {
  if (frame.length < 34 || frame[12] !== 0x08 || frame[13] !== 0x00) return;
  const ihl = (frame[14] & 15) * 4;
  if (ihl < 20 || 14 + ihl > frame.length) return;
  frame[24] = frame[25] = 0;
  const sum = internetChecksum(frame, 14, 14 + ihl);
  frame[24] = sum >> 8;
  frame[25] = sum & 255;
  const end = Math.min(frame.length, 14 + ((frame[16] << 8) | frame[17]));
  const start = 14 + ihl;
  const at = { 1: 2, 6: 16, 17: 6 }[frame[23] as 1 | 6 | 17];
  if (at === undefined || start + at + 2 > end) return;
  frame[start + at] = frame[start + at + 1] = 0;
  const pseudo =
    frame[23] === 1 ? 0 : pseudoHeaderSum(readAddr(frame, 26), readAddr(frame, 30), frame[23], end - start);
  const value = foldComplement(sumWords(frame, start, end, pseudo));
  frame[start + at] = value >> 8;
  frame[start + at + 1] = value & 255;
}

function readAddr(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

const seeds = Object.values(FIXTURES).map((f) => {
  const frame = f.slice();
  if (frame[0] !== 0xff) frame.set(macOf(2), 0);
  return frame;
});

function mutate(next: () => number): Uint8Array {
  const r = next() % 100;
  if (r < 10) return Uint8Array.from({ length: next() % 120 }, () => next() & 255);
  const frame = seeds[next() % seeds.length].slice();
  const flips = 1 + (next() % 4);
  for (let i = 0; i < flips; i++) {
    // mostly headers (Ethernet, IP, transport), sometimes anywhere
    const span = next() % 4 === 0 ? frame.length : Math.min(frame.length, 60);
    frame[next() % span] = next() & 255;
  }
  let out = frame;
  if (r < 25) out = frame.subarray(0, next() % (frame.length + 1));
  else if (r < 35) {
    out = new Uint8Array(frame.length + (next() % 40));
    out.set(frame);
  }
  if (next() % 3 !== 0) reseal(out);
  return out;
}

describe('Host under random and mutated frames', () => {
  it.each([
    [1, 'fake'],
    [2, 'fake'],
    [3, 'real'],
    [4, 'real'],
  ])('never throws and accounts for every frame (seed %i, %s TCP layer)', async (seed, layer) => {
    const { clock, hosts } = lan(2, layer === 'real' ? { tcpFactory: createTcpLayer } : {});
    const [a, b] = hosts;
    if (layer === 'real') {
      b.tcp.listen(clock.now(), 80);
      b.tcp.listen(clock.now(), 7);
    }
    b.udpBind(7).onMessage(() => undefined);
    b.onEchoReply(() => undefined);
    const next = xorshift(seed * 0x9e3779b1);
    const count = 4000;
    for (let i = 0; i < count; i++) {
      b.receiveFrame(clock.now(), mutate(next));
      if (i % 500 === 0) await clock.advance(100);
    }
    await clock.advance(10_000);

    const c = b.counters;
    expect(c.rxFrames).toBeGreaterThanOrEqual(count);
    expect(c.rxFrames).toBe(total(c.delivered) + total(c.dropped));
    // the mutations reach every layer's checks, not only the first one
    const reasons = Object.keys(c.dropped);
    for (const prefix of ['eth/', 'arp/', 'ipv4/', 'icmp/', 'udp/', 'tcp/']) {
      expect(reasons.some((r) => r.startsWith(prefix))).toBe(true);
    }
    expect(c.dropped['ipv4/bad-checksum']).toBeGreaterThan(0);
    expect(c.dropped['tcp/bad-checksum'] ?? 0).toBeGreaterThan(0);

    // still a working host: fresh ARP for A, echo, UDP
    const replies: number[] = [];
    a.onEchoReply((r) => replies.push(r.seqNo));
    a.ping(clock.now(), b.addr, { ident: 9, seqNo: 99 });
    const got: string[] = [];
    b.udpBind(9000).onMessage((m) => got.push(Buffer.from(m.data).toString()));
    a.udpBind().sendTo(clock.now(), { addr: b.addr, port: 9000 }, 'still alive');
    await clock.advance(10);
    expect(replies).toEqual([99]);
    expect(got).toEqual(['still alive']);
  });
});
