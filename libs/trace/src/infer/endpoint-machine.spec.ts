import { inferConnections, type InferredConnection } from './infer-connections';
import { flagsText, type SegmentFlags, type SegmentSummary } from './segment-summary';

const C = { addr: '10.202.0.1', port: 40000 };
const S = { addr: '10.202.0.2', port: 7000 };
const CISS = 1000;
const SISS = 0xfffffff0; // wraps: sequence arithmetic must be modular

let clock = 0n;
function seg(from: 'c' | 's', flags: string, seq: number, ack: number, len = 0): SegmentSummary {
  const f: SegmentFlags = {
    syn: flags.includes('S'),
    fin: flags.includes('F'),
    rst: flags.includes('R'),
    psh: flags.includes('P'),
    ack: flags.includes('.'),
  };
  clock += 1000n;
  const [src, dst] = from === 'c' ? [C, S] : [S, C];
  return { tNs: clock, src, dst, flags: f, seq: seq >>> 0, ack: ack >>> 0, len };
}

const handshake = (): SegmentSummary[] => [
  seg('c', 'S', CISS, 0),
  seg('s', 'S.', SISS, CISS + 1),
  seg('c', '.', CISS + 1, SISS + 1),
];

function paths(segments: SegmentSummary[]): [string[], string[]] {
  const [conn] = inferConnections(segments) as [InferredConnection];
  return [conn.endpoints[0].path.map((p) => p.state), conn.endpoints[1].path.map((p) => p.state)];
}

describe('passive inference (RFC 9293 §3.3.2, Figure 5)', () => {
  it('three-way handshake', () => {
    expect(paths(handshake())).toEqual([
      ['CLOSED', 'SYN_SENT', 'ESTABLISHED'],
      ['LISTEN', 'SYN_RECEIVED', 'ESTABLISHED'],
    ]);
  });

  it('four-way close: active closer ends in TIME_WAIT, passive closer in CLOSED', () => {
    const [client, server] = paths([
      ...handshake(),
      seg('c', 'P.', CISS + 1, SISS + 1, 5),
      seg('s', '.', SISS + 1, CISS + 6),
      seg('c', 'F.', CISS + 6, SISS + 1),
      seg('s', '.', SISS + 1, CISS + 7),
      seg('s', 'F.', SISS + 1, CISS + 7),
      seg('c', '.', CISS + 7, SISS + 2),
    ]);
    expect(client.slice(2)).toEqual(['ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT']);
    expect(server.slice(2)).toEqual(['ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED']);
  });

  it('three-way close: FIN+ACK in one segment takes FIN-WAIT-1 through FIN-WAIT-2 to TIME-WAIT', () => {
    const [conn] = inferConnections([
      ...handshake(),
      seg('c', 'F.', CISS + 1, SISS + 1),
      seg('s', 'F.', SISS + 1, CISS + 2),
      seg('c', '.', CISS + 2, SISS + 2),
    ]);
    const client = conn.endpoints[0].path;
    expect(client.map((p) => p.state).slice(3)).toEqual(['FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT']);
    expect(client[4].tNs).toBe(client[5].tNs);
  });

  it('half-close: data keeps flowing toward the endpoint in FIN-WAIT-2', () => {
    const [client, server] = paths([
      ...handshake(),
      seg('c', 'F.', CISS + 1, SISS + 1),
      seg('s', '.', SISS + 1, CISS + 2),
      seg('s', 'P.', SISS + 1, CISS + 2, 100),
      seg('c', '.', CISS + 2, SISS + 101),
      seg('s', 'F.', SISS + 101, CISS + 2),
      seg('c', '.', CISS + 2, SISS + 102),
    ]);
    expect(client.slice(3)).toEqual(['FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT']);
    expect(server.slice(3)).toEqual(['CLOSE_WAIT', 'LAST_ACK', 'CLOSED']);
  });

  it('simultaneous close: crossing FINs lead both sides through CLOSING to TIME_WAIT', () => {
    const [client, server] = paths([
      ...handshake(),
      seg('c', 'F.', CISS + 1, SISS + 1),
      seg('s', 'F.', SISS + 1, CISS + 1), // sent before the client's FIN arrived: no ACK of it
      seg('c', '.', CISS + 2, SISS + 2),
      seg('s', '.', SISS + 2, CISS + 2),
    ]);
    expect(client.slice(3)).toEqual(['FIN_WAIT_1', 'CLOSING', 'TIME_WAIT']);
    expect(server.slice(3)).toEqual(['FIN_WAIT_1', 'CLOSING', 'TIME_WAIT']);
  });

  it('RST on close with unread data closes both ends', () => {
    const [client, server] = paths([
      ...handshake(),
      seg('c', 'P.', CISS + 1, SISS + 1, 10),
      seg('s', '.', SISS + 1, CISS + 11),
      seg('s', 'R.', SISS + 1, CISS + 11),
    ]);
    expect(server.at(-1)).toBe('CLOSED');
    expect(client.slice(-2)).toEqual(['ESTABLISHED', 'CLOSED']);
  });

  it('connection refused: RST,ACK to a SYN; a stale RST is ignored', () => {
    expect(paths([seg('c', 'S', CISS, 0), seg('s', 'R.', 0, CISS + 1)])[0]).toEqual([
      'CLOSED',
      'SYN_SENT',
      'CLOSED',
    ]);
    expect(paths([seg('c', 'S', CISS, 0), seg('s', 'R.', 0, CISS + 99)])[0]).toEqual(['CLOSED', 'SYN_SENT']);
  });

  it('a new SYN after TIME_WAIT starts a second incarnation of the 4-tuple', () => {
    const close = [
      seg('c', 'F.', CISS + 1, SISS + 1),
      seg('s', 'F.', SISS + 1, CISS + 2),
      seg('c', '.', CISS + 2, SISS + 2),
    ];
    const conns = inferConnections([...handshake(), ...close, seg('c', 'S', 5000, 0)]);
    expect(conns.map((c) => c.id)).toEqual([
      '10.202.0.1:40000-10.202.0.2:7000',
      '10.202.0.1:40000-10.202.0.2:7000#2',
    ]);
    expect(conns[1].segments).toEqual([6]);
  });

  it('prints flags in tcpdump notation', () => {
    expect(['S', 'S.', '.', 'P.', 'F.', 'R', 'FP.'].map((f) => flagsText(seg('c', f, 0, 0).flags))).toEqual([
      'S',
      'S.',
      '.',
      'P.',
      'F.',
      'R',
      'FP.',
    ]);
  });
});
