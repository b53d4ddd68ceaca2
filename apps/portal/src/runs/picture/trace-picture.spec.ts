import { buildLadder } from '../ladder/ladder-model';
import { buildTimelines } from '../timeline/timeline-model';
import { HALF_CLOSE_CONN, halfCloseTrace } from '../testing/trace-fixture';
import { picturesFromTrace, TraceFormatError } from './trace-picture';

describe('picturesFromTrace', () => {
  const document = { scenarios: { 'three-chunks': halfCloseTrace, 'one-byte-segments': halfCloseTrace } };

  it('reads every scenario in run order, titled from the exercise', () => {
    const pictures = picturesFromTrace(document, { 'three-chunks': 'Three writes' });
    expect(pictures.map((p) => [p.id, p.title])).toEqual([
      ['three-chunks', 'Three writes'],
      ['one-byte-segments', null],
    ]);
    const [picture] = pictures;
    expect(picture.connections).toEqual([{ id: HALF_CLOSE_CONN, endpoints: ['10.9.0.3:40001', '10.9.0.2:5000'] }]);
    expect(picture.hosts['10.9.0.2']).toEqual({ name: 'server', role: 'learner' });
    expect(picture.segments).toHaveLength(10);
    expect(picture.segments[7]).toMatchObject({ index: 7, impairment: 'dropped', timeMs: 8, flags: ['FIN', 'ACK'] });
    expect(picture.segments[0]).toMatchObject({ flags: ['SYN'], ack: null });
    expect(picture.syscalls[1]).toMatchObject({ name: 'read', startMs: 5.06, endMs: 5.07, local: '10.9.0.2:5000' });
  });

  it('draws the ladder the seed articles draw: handshake, half-close, the server’s late data and FIN', () => {
    const [picture] = picturesFromTrace(document);
    const ladder = buildLadder(picture.connections[0], picture.segments, picture.states);
    expect(ladder.arrows.map((a) => `${a.from} ${a.label} ${a.detail}${a.impairment ? ` ${a.impairment}` : ''}`)).toEqual([
      'left SYN seq=0 len=0',
      'right SYN+ACK seq=0 ack=1 len=0',
      'left ACK seq=1 ack=1 len=0',
      'left PSH+ACK seq=1 ack=1 len=6',
      'right PSH+ACK seq=1 ack=7 len=6',
      'left FIN+ACK seq=7 ack=7 len=0',
      'right PSH+ACK seq=7 ack=8 len=8',
      'right FIN+ACK seq=15 ack=8 len=0 dropped',
      'right FIN+ACK seq=15 ack=8 len=0',
      'left ACK seq=8 ack=16 len=0',
    ]);
    expect(ladder.marks.map((m) => `${m.side}@${m.gap} ${m.state} (${m.source})`)).toEqual([
      'left@0 SYN_SENT (netstack)',
      'right@1 SYN_RECEIVED (kernel)',
      'left@2 ESTABLISHED (netstack)',
      'right@3 ESTABLISHED (kernel)',
      'left@5 FIN_WAIT_1 (netstack)',
      'right@6 CLOSE_WAIT (kernel)',
      'left@6 FIN_WAIT_2 (netstack)',
      'right@7 LAST_ACK (kernel)',
      'left@9 TIME_WAIT (netstack)',
      'right@10 CLOSED (kernel)',
    ]);
  });

  it('lines up the server’s calls with its states on one time axis', () => {
    const [picture] = picturesFromTrace(document);
    const server = buildTimelines(picture).sockets.find((s) => s.endpoint === '10.9.0.2:5000');
    expect(server?.lanes.map((l) => l.state)).toEqual(['SYN_RECEIVED', 'ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED']);
    expect(server?.calls.map((c) => c.label)).toEqual(['accept4() = 4', 'read() = 0', 'close() = 0']);
  });

  it('skips the second capture of a frame between two learner hosts', () => {
    const twice = {
      ...halfCloseTrace,
      packets: [
        { ...halfCloseTrace.packets[0], direction: 'in' },
        { ...halfCloseTrace.packets[0], index: 1, direction: 'out', t: 1_060_000 },
        { ...halfCloseTrace.packets[0], index: 2, direction: 'in', t: 2_000_000 }, // a retransmission
      ],
    };
    const [picture] = picturesFromTrace({ scenarios: { a: twice } });
    expect(picture.segments.map((s) => s.index)).toEqual([0, 2]);
  });

  it('names the first problem of a document it cannot read', () => {
    expect(() => picturesFromTrace({ scenarios: { a: { ...halfCloseTrace, packets: 'x' } } })).toThrow(TraceFormatError);
    expect(() => picturesFromTrace({})).toThrow(/at scenarios/);
  });
});
