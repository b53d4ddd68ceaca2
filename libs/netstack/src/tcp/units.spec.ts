import { defaultTcpConfig, resolveTcpConfig } from './config';
import { createIsnGenerator } from './isn';
import { RecvBuffer } from './recv-buffer';
import { RttEstimator } from './rtt';
import { SendBuffer } from './send-buffer';
import { seqAdd, seqDiff, seqGt, seqInWindow, seqLt } from './seq';
import { sipHash24 } from './siphash';

describe('sequence arithmetic (RFC 9293 §3.4)', () => {
  it('compares across the 2^32 wrap', () => {
    expect(seqAdd(0xffffffff, 2)).toBe(1);
    expect(seqDiff(1, 0xffffffff)).toBe(2);
    expect(seqLt(0xfffffff0, 5)).toBe(true);
    expect(seqGt(5, 0xfffffff0)).toBe(true);
    expect(seqInWindow(3, 0xfffffffe, 10)).toBe(true);
    expect(seqInWindow(8, 0xfffffffe, 10)).toBe(false);
  });
});

describe('RTT estimator (RFC 6298 §2)', () => {
  it('initialises from the first sample, smooths later ones, clamps and backs off', () => {
    const rtt = new RttEstimator({ initialRto: 1000, minRto: 200, maxRto: 60000 });
    expect(rtt.rto).toBe(1000);
    rtt.sample(100); // SRTT 100, RTTVAR 50 → 300
    expect(rtt.rto).toBe(300);
    rtt.sample(200); // RTTVAR 3/4·50 + 1/4·100 = 62.5, SRTT 112.5 → 362.5
    expect(rtt.rto).toBeCloseTo(362.5);
    rtt.backoff();
    expect(rtt.rto).toBeCloseTo(725);
    for (let i = 0; i < 20; i++) rtt.backoff();
    expect(rtt.rto).toBe(60000);
  });
});

describe('SipHash-2-4 and ISNs (RFC 6528)', () => {
  const key = Uint8Array.from({ length: 16 }, (_, i) => i);

  it('matches the reference test vectors', () => {
    expect(sipHash24(key, new Uint8Array(0))).toBe(0x726fdb47dd0e0e31n);
    expect(
      sipHash24(
        key,
        Uint8Array.from({ length: 15 }, (_, i) => i),
      ),
    ).toBe(0xa129ca6149be45e5n);
  });

  it('rfc6528 ISNs advance with the 4 µs clock and differ between 4-tuples', () => {
    const isn = createIsnGenerator({ kind: 'rfc6528', secret: key });
    const tuple = { local: { addr: 1, port: 2 }, remote: { addr: 3, port: 4 } };
    const first = isn.next(tuple, 0);
    expect(isn.next(tuple, 1)).toBe((first + 250) >>> 0);
    expect(isn.next({ ...tuple, remote: { addr: 3, port: 5 } }, 0)).not.toBe(first);
  });

  it('seeded ISNs are reproducible and fresh for each incarnation of a 4-tuple', () => {
    const tuple = { local: { addr: 1, port: 2 }, remote: { addr: 3, port: 4 } };
    const a = createIsnGenerator({ kind: 'seeded', seed: 7 });
    const b = createIsnGenerator({ kind: 'seeded', seed: 7 });
    const firstA = a.next(tuple, 0);
    expect(b.next(tuple, 999)).toBe(firstA);
    expect(a.next(tuple, 0)).not.toBe(firstA);
    expect(createIsnGenerator({ kind: 'seeded', seed: 8 }).next(tuple, 0)).not.toBe(firstA);
  });
});

describe('config', () => {
  it('merges overrides and rejects impossible values', () => {
    expect(resolveTcpConfig({ mss: 536 }).mss).toBe(536);
    expect(resolveTcpConfig().delayedAck).toBe(defaultTcpConfig.delayedAck);
    expect(() => resolveTcpConfig({ windowScale: 15 })).toThrow(/windowScale/);
    expect(() => resolveTcpConfig({ minRto: 500, maxRto: 100 })).toThrow(/minRto/);
  });
});

describe('SendBuffer', () => {
  it('coalesces auto writes up to the limit and keeps explicit pieces whole', () => {
    const buffer = new SendBuffer(100);
    buffer.write(new Uint8Array(10));
    buffer.write(new Uint8Array(10), { push: false });
    buffer.write(new Uint8Array(30), { segmentation: [20, 10] });
    // A segment holding the end of a pushed write carries PSH (RFC 9293 §3.9.1).
    expect(buffer.nextSegment(0, 15, false)).toEqual({ length: 15, push: true });
    expect(buffer.nextSegment(10, 15, false)).toEqual({ length: 10, push: false });
    expect(buffer.nextSegment(0, 50, false)).toEqual({ length: 20, push: true });
    expect(buffer.nextSegment(20, 15, false)).toEqual({ length: 0, push: false });
    expect(buffer.nextSegment(20, 15, true)).toEqual({ length: 15, push: false });
    expect(buffer.nextSegment(40, 50, false)).toEqual({ length: 10, push: true });
  });

  it('accepts only what fits and drops acknowledged octets', () => {
    const buffer = new SendBuffer(10);
    expect(buffer.write(Uint8Array.from({ length: 15 }, (_, i) => i))).toBe(10);
    buffer.consume(4);
    expect(buffer.length).toBe(6);
    expect(buffer.read(0, 3)).toEqual(Uint8Array.from([4, 5, 6]));
    expect(buffer.write(new Uint8Array(3), { segmentation: [3] })).toBe(3);
    expect(buffer.write(new Uint8Array(2), { segmentation: [2] })).toBe(0);
  });
});

describe('RecvBuffer', () => {
  it('reassembles overlapping out-of-order ranges', () => {
    const buffer = new RecvBuffer(100);
    const data = Uint8Array.from({ length: 30 }, (_, i) => i);
    expect(buffer.write(20, data.subarray(20, 30))).toBe(0);
    expect(buffer.write(8, data.subarray(8, 25))).toBe(0);
    expect(buffer.outOfOrderBytes).toBe(22);
    expect(buffer.write(0, data.subarray(0, 10))).toBe(30);
    expect(buffer.read()).toEqual(data);
    expect(buffer.hasOutOfOrder).toBe(false);
  });

  it('discards octets beyond the free space and duplicates before the end', () => {
    const buffer = new RecvBuffer(10);
    expect(buffer.write(0, new Uint8Array(15))).toBe(10);
    expect(buffer.write(5, new Uint8Array(5))).toBe(0);
    buffer.read(4);
    expect(buffer.free).toBe(4);
  });
});
