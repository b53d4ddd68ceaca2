import type { CapturedSegment } from '@socklab/trace';
import { LiveCounters } from './live-counters';

const SERVER = '10.0.0.1';
const CLIENT = '10.0.0.2';
const server = { addr: SERVER, port: 5000 };
const client = { addr: CLIENT, port: 40000 };
const addresses: Record<string, string> = { server: SERVER, client: CLIENT };

let index = 0;
function segment(
  from: 'server' | 'client',
  options: { seq: number; len?: number; window?: number; flags?: Partial<CapturedSegment['flags']> },
): CapturedSegment {
  const fromServer = from === 'server';
  return {
    index: index++,
    tNs: BigInt(index) * 1_000_000n,
    link: 'server',
    // The capture is on the learner's (server's) port: what it sends enters the switch there.
    direction: fromServer ? 'in' : 'out',
    src: fromServer ? server : client,
    dst: fromServer ? client : server,
    flags: { fin: false, syn: false, rst: false, psh: false, ack: true, ...options.flags },
    seq: options.seq,
    ack: 1,
    len: options.len ?? 0,
    window: options.window ?? 65535,
  };
}

const probes = {
  kind: 'counter' as const,
  name: 'zeroWindowProbes' as const,
  host: 'server',
  op: '>=' as const,
  value: 1,
};

describe('LiveCounters', () => {
  it('counts a zero-window probe once the client has advertised a zero window, as the segments arrive', () => {
    const captured: CapturedSegment[] = [];
    const counters = new LiveCounters(captured, (host) => addresses[host]);
    captured.push(segment('server', { seq: 1, len: 1460 }), segment('client', { seq: 1, window: 0 }));
    expect(counters.holds(probes)).toBe(false);
    captured.push(segment('server', { seq: 1460 }));
    expect(counters.value('zeroWindowProbes', 'server')).toBe(1);
    expect(counters.holds(probes)).toBe(true);
    expect(counters.value('zeroWindowProbes', 'client')).toBe(0);
  });

  it('counts what the grader counts: a retransmitted segment, sent by whom', () => {
    const captured = [
      segment('server', { seq: 1, len: 100 }),
      segment('server', { seq: 1, len: 100 }),
      segment('client', { seq: 1, flags: { rst: true } }),
    ];
    const counters = new LiveCounters(captured, (host) => addresses[host]);
    expect(counters.value('retransmissions', 'server')).toBe(1);
    expect(counters.value('resetsSent', 'client')).toBe(1);
    expect(counters.value('resetsReceived', 'server')).toBe(1);
    expect(counters.holds({ kind: 'counter', name: 'resetsSent', op: '==', value: 1 })).toBe(true);
  });
});
