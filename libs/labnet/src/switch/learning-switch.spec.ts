import { VirtualScheduler } from '../clock/scheduler';
import { dropNth } from '../impair/drop';
import { FrameAnnotation } from '../impair/annotations';
import { LearningSwitch } from './learning-switch';

const A = '02:53:00:00:00:0a';
const B = '02:53:00:00:00:0b';
const C = '02:53:00:00:00:0c';
const BROADCAST = 'ff:ff:ff:ff:ff:ff';

function frame(dst: string, src: string, tag = 0): Uint8Array {
  const bytes = new Uint8Array(60);
  bytes.set(
    dst.split(':').map((h) => parseInt(h, 16)),
    0,
  );
  bytes.set(
    src.split(':').map((h) => parseInt(h, 16)),
    6,
  );
  bytes[12] = 0x88;
  bytes[13] = 0xb5; // IEEE 802 local experimental EtherType
  bytes[14] = tag;
  return bytes;
}

function lab(ageingNs?: bigint) {
  const clock = new VirtualScheduler();
  const lanSwitch = new LearningSwitch({ scheduler: clock, ageingNs });
  const received = new Map<number, number[]>();
  const inputs = [1, 2, 3].map((id) => {
    received.set(id, []);
    return lanSwitch.attach({ id, name: `p${id}`, deliver: (f) => received.get(id)!.push(f[14]) });
  });
  const send = (port: number, bytes: Uint8Array): void => inputs[port - 1](bytes);
  return { clock, lanSwitch, received, send };
}

describe('LearningSwitch', () => {
  it('floods a frame to an unknown destination to every port except the arrival port', () => {
    const { received, send } = lab();
    send(1, frame(B, A, 1));
    expect(received.get(1)).toEqual([]);
    expect(received.get(2)).toEqual([1]);
    expect(received.get(3)).toEqual([1]);
  });

  it('floods broadcast to every other port even when all stations are learned', () => {
    const { received, send } = lab();
    send(2, frame(BROADCAST, B, 1));
    send(3, frame(BROADCAST, C, 2));
    send(1, frame(BROADCAST, A, 3));
    expect(received.get(2)).toEqual([2, 3]);
    expect(received.get(3)).toEqual([1, 3]);
  });

  it('forwards to the learned port only once the destination has been seen as a source', () => {
    const { received, send, lanSwitch } = lab();
    send(2, frame(A, B, 1)); // learns B on port 2
    send(1, frame(B, A, 2));
    expect(received.get(2)).toEqual([2]);
    expect(received.get(3)).toEqual([1]); // only the initial flood
    expect(lanSwitch.macEntries().map((e) => [e.mac, e.port])).toEqual([
      [B, 2],
      [A, 1],
    ]);
  });

  it('filters a frame whose destination lives on the arrival port', () => {
    const { received, send, lanSwitch } = lab();
    send(1, frame(C, A, 1));
    send(1, frame(A, C, 2)); // C learned on port 1 too, A is on port 1
    expect(received.get(2)).toEqual([1]);
    expect(lanSwitch.counters.filtered).toBe(1);
  });

  it('re-learns a station that moved to another port', () => {
    const { received, send } = lab();
    send(2, frame(A, B, 1));
    send(3, frame(A, B, 2)); // B moved to port 3
    send(1, frame(B, A, 3));
    expect(received.get(3)).toContain(3);
    expect(received.get(2)).not.toContain(3);
  });

  it('forgets an address after the ageing time and floods again', () => {
    const { received, send, clock } = lab(10_000_000_000n);
    send(2, frame(A, B, 1));
    clock.advanceMs(9_999);
    send(1, frame(B, A, 2));
    expect(received.get(3)).toEqual([1]);
    clock.advanceMs(10_000);
    send(1, frame(B, A, 3));
    expect(received.get(3)).toEqual([1, 3]);
  });

  it('never learns a group address as a source', () => {
    const { lanSwitch, send } = lab();
    send(1, frame(B, '03:00:00:00:00:01', 1));
    expect(lanSwitch.macEntries()).toEqual([]);
  });

  it('reports arrivals and departures to frame hooks with impairment annotations', () => {
    const { lanSwitch, send } = lab();
    const records: [number, string, number, string[]][] = [];
    lanSwitch.addFrameHook((port, direction, f, _ts, notes: readonly FrameAnnotation[]) =>
      records.push([port, direction, f[14], notes.map((n) => n.text)]),
    );
    lanSwitch.impairments(1, 'ingress').add(dropNth({ n: 2 }));
    send(2, frame(A, B, 1));
    send(1, frame(B, A, 2));
    send(1, frame(B, A, 3));
    expect(records).toEqual([
      [2, 'in', 1, []],
      [1, 'out', 1, []],
      [3, 'out', 1, []],
      [1, 'in', 2, []],
      [2, 'out', 2, []],
      [1, 'in', 3, ['dropped by impairment drop-nth(2)']],
    ]);
  });

  it('cuts two ports apart with a partition and heals it', () => {
    const { lanSwitch, received, send } = lab();
    const heal = lanSwitch.partition(1, 2);
    send(1, frame(BROADCAST, A, 1));
    expect(received.get(2)).toEqual([]);
    expect(received.get(3)).toEqual([1]);
    heal();
    send(1, frame(BROADCAST, A, 2));
    expect(received.get(2)).toEqual([2]);
  });

  it('stops delivering to a detached port and forgets its addresses', () => {
    const { lanSwitch, received, send } = lab();
    send(2, frame(A, B, 1));
    lanSwitch.detach(2);
    send(1, frame(B, A, 2));
    expect(received.get(2)).toEqual([]);
    expect(received.get(3)).toEqual([1, 2]);
    expect(lanSwitch.macEntries().map((e) => e.mac)).toEqual([A]);
  });

  it('counts and drops runt frames shorter than an Ethernet header', () => {
    const { lanSwitch, received, send } = lab();
    send(1, new Uint8Array(13));
    expect(lanSwitch.counters.runts).toBe(1);
    expect(received.get(2)).toEqual([]);
  });
});
