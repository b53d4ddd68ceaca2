import type { SegmentRecord, StateRecord, TcpFlag, TcpStateName } from '../picture/picture';
import { buildLadder, rowOfFrame } from './ladder-model';
import { flagsFromTcpdump, segmentLabel } from './segment-label';

const CLIENT = '10.0.0.3:40000';
const SERVER = '10.0.0.2:5000';
const CONN = { id: 'conn', endpoints: [SERVER, CLIENT] as [string, string] };
const ISN_C = 2 ** 32 - 3; // the client’s numbers wrap past 2^32 within the first data
const ISN_S = 1000;

let order = 0;
const seg = (
  src: string,
  flags: TcpFlag[],
  seq: number,
  ack: number | null,
  len = 0,
  extra: Partial<SegmentRecord> = {},
): SegmentRecord => {
  order += 10;
  return {
    index: order / 10,
    order,
    timeMs: order / 10,
    connectionId: 'conn',
    src,
    dst: src === CLIENT ? SERVER : CLIENT,
    flags,
    seq: seq % 2 ** 32,
    ack: ack === null ? null : ack % 2 ** 32,
    len,
    window: 64240,
    ...extra,
  };
};
const state = (at: number, endpoint: string, s: TcpStateName, cause?: string): StateRecord => ({
  order: at,
  timeMs: at / 10,
  connectionId: 'conn',
  endpoint,
  state: s,
  source: endpoint === CLIENT ? 'netstack' : 'kernel',
  ...(cause ? { cause } : {}),
});

/** half-close-echo: handshake, 6 bytes echoed, client half-closes, server sends BYTES and closes. */
function halfCloseEcho() {
  order = 0;
  const segments = [
    seg(CLIENT, ['SYN'], ISN_C, null), // 10
    seg(SERVER, ['SYN', 'ACK'], ISN_S, ISN_C + 1), // 20
    seg(CLIENT, ['ACK'], ISN_C + 1, ISN_S + 1), // 30
    seg(CLIENT, ['PSH', 'ACK'], ISN_C + 1, ISN_S + 1, 6), // 40
    seg(SERVER, ['PSH', 'ACK'], ISN_S + 1, ISN_C + 7, 6), // 50
    seg(CLIENT, ['FIN', 'ACK'], ISN_C + 7, ISN_S + 7), // 60
    seg(SERVER, ['PSH', 'ACK'], ISN_S + 7, ISN_C + 8, 9), // 70
    seg(SERVER, ['FIN', 'ACK'], ISN_S + 16, ISN_C + 8, 0, { impairment: 'dropped' }), // 80
    seg(SERVER, ['FIN', 'ACK'], ISN_S + 16, ISN_C + 8), // 90
    seg(CLIENT, ['ACK'], ISN_C + 8, ISN_S + 17), // 100
  ];
  const states = [
    state(5, CLIENT, 'SYN_SENT'),
    state(21, CLIENT, 'ESTABLISHED'),
    state(15, SERVER, 'SYN_RECEIVED'),
    state(35, SERVER, 'ESTABLISHED'),
    state(60, CLIENT, 'FIN_WAIT_1', 'snd FIN (close)'),
    state(61, SERVER, 'CLOSE_WAIT'),
    state(75, SERVER, 'LAST_ACK'),
    state(92, CLIENT, 'TIME_WAIT'),
    state(101, SERVER, 'CLOSED'),
  ];
  return buildLadder(CONN, segments, states);
}

describe('buildLadder', () => {
  it('puts the active opener on the left and draws one arrow per segment, in order', () => {
    const ladder = halfCloseEcho();
    expect([ladder.left, ladder.right]).toEqual([CLIENT, SERVER]);
    expect(ladder.arrows.map((a) => `${a.from} ${a.label}`)).toEqual([
      'left SYN',
      'right SYN+ACK',
      'left ACK',
      'left PSH+ACK',
      'right PSH+ACK',
      'left FIN+ACK',
      'right PSH+ACK',
      'right FIN+ACK',
      'right FIN+ACK',
      'left ACK',
    ]);
  });

  it('numbers each side from its own ISN, modulo 2^32, and acknowledges in the other side’s numbers', () => {
    const details = halfCloseEcho().arrows.map((a) => a.detail);
    expect(details).toEqual([
      'seq=0 len=0',
      'seq=0 ack=1 len=0',
      'seq=1 ack=1 len=0',
      'seq=1 ack=1 len=6',
      'seq=1 ack=7 len=6',
      'seq=7 ack=7 len=0',
      'seq=7 ack=8 len=9',
      'seq=16 ack=8 len=0',
      'seq=16 ack=8 len=0',
      'seq=8 ack=17 len=0',
    ]);
  });

  it('keeps the impairment and the frame index of each segment', () => {
    const ladder = halfCloseEcho();
    expect(ladder.arrows[7]).toMatchObject({ impairment: 'dropped', index: 8 });
    expect(ladder.arrows[8].impairment).toBeUndefined();
    expect(rowOfFrame(ladder, 8)).toBe(7);
    expect(rowOfFrame(ladder, 99)).toBeNull();
  });

  it('writes each state beside its socket’s column where it was entered', () => {
    const marks = halfCloseEcho().marks.map((m) => `${m.side} ${m.gap} ${m.state}`);
    expect(marks).toEqual([
      'left 0 SYN_SENT', // before the SYN
      'right 1 SYN_RECEIVED', // after the SYN arrived
      'left 2 ESTABLISHED', // after the SYN+ACK
      'right 3 ESTABLISHED', // after the ACK
      'left 5 FIN_WAIT_1', // entered by sending the FIN: above it
      'right 6 CLOSE_WAIT', // after the FIN
      'right 7 LAST_ACK',
      'left 9 TIME_WAIT',
      'right 10 CLOSED',
    ]);
  });

  it('stacks several states entered between the same two segments', () => {
    order = 0;
    const segments = [seg(CLIENT, ['SYN'], 1, null), seg(SERVER, ['RST', 'ACK'], 0, 2)];
    const ladder = buildLadder(CONN, segments, [
      state(21, CLIENT, 'CLOSED'),
      state(22, SERVER, 'CLOSED'),
      state(1, CLIENT, 'SYN_SENT'),
    ]);
    expect(ladder.arrows.map((a) => a.label)).toEqual(['SYN', 'RST+ACK']);
    expect(ladder.marks.map((m) => [m.side, m.gap, m.stack, m.state])).toEqual([
      ['left', 0, 0, 'SYN_SENT'],
      ['left', 2, 0, 'CLOSED'],
      ['right', 2, 0, 'CLOSED'],
    ]);
  });

  it('draws a capture that starts mid-connection, counting each side from its first segment', () => {
    order = 0;
    const segments = [
      seg(SERVER, ['PSH', 'ACK'], 5000, 9000, 10),
      seg(CLIENT, ['ACK'], 9000, 5010),
      seg(CLIENT, ['FIN', 'ACK'], 9000, 5010),
    ];
    const ladder = buildLadder(CONN, segments, []);
    expect([ladder.left, ladder.right]).toEqual([SERVER, CLIENT]);
    expect(ladder.arrows.map((a) => a.detail)).toEqual([
      'seq=1 ack=1 len=10',
      'seq=1 ack=11 len=0',
      'seq=1 ack=11 len=0',
    ]);
  });

  it('ignores segments and states of other connections', () => {
    order = 0;
    const other = { ...seg('10.0.0.9:1', ['SYN'], 1, null), dst: SERVER };
    const ladder = buildLadder(CONN, [other, seg(CLIENT, ['SYN'], 1, null)], [
      { ...state(1, CLIENT, 'SYN_SENT'), connectionId: 'other' },
    ]);
    expect(ladder.arrows).toHaveLength(1);
    expect(ladder.marks).toEqual([]);
  });
});

describe('segment labels', () => {
  it('names flags the way the seed articles do, ACK last', () => {
    expect(segmentLabel(['ACK', 'SYN'])).toBe('SYN+ACK');
    expect(segmentLabel(['ACK', 'FIN'])).toBe('FIN+ACK');
    expect(segmentLabel(['RST'])).toBe('RST');
    expect(segmentLabel([])).toBe('(no flags)');
  });

  it('reads tcpdump flag strings', () => {
    expect(flagsFromTcpdump('S.')).toEqual(['SYN', 'ACK']);
    expect(flagsFromTcpdump('FP.')).toEqual(['FIN', 'PSH', 'ACK']);
    expect(flagsFromTcpdump('R')).toEqual(['RST']);
  });
});
