import type { LabEvent } from '@socklab/contracts';
import { buildLadder } from '../ladder/ladder-model';
import { connectionIdOf, LiveRunLog, OUTPUT_LIMIT_CHARS } from './live-run-log';

type Input = LabEvent extends infer E ? (E extends LabEvent ? Omit<E, 'seq' | 't'> : never) : never;

/** Stamps seq 0, 1, 2, … and t = seq ms, as the runner's stream does. */
function stream(events: Input[], from = 0): LabEvent[] {
  return events.map((event, i) => ({ ...event, seq: from + i, t: from + i }) as LabEvent);
}

const SERVER = '10.7.0.2:5000';
const CLIENT = '10.7.0.3:40001';
const CONN = connectionIdOf(SERVER, CLIENT);

const packet = (
  index: number,
  src: string,
  dst: string,
  flags: string[],
  seq: number,
  ack: number,
  len = 0,
): Input => ({
  type: 'packet',
  index,
  src,
  dst,
  protocol: 'tcp',
  length: 54 + len,
  summary: flags.join(','),
  tcp: { flags: flags as never, seq, ack, window: 64240, payloadLength: len },
});
const state = (endpoint: string, from: string, to: string, conn = CONN): Input => ({
  type: 'state',
  conn,
  endpoint,
  from: from as never,
  to: to as never,
  source: endpoint === SERVER ? 'kernel' : 'netstack',
});

function handshake(clientPort: number, firstIndex: number): Input[] {
  const client = `10.7.0.3:${clientPort}`;
  const conn = connectionIdOf(SERVER, client);
  return [
    state(client, 'CLOSED', 'SYN_SENT', conn),
    packet(firstIndex, client, SERVER, ['SYN'], 900, 0),
    state(SERVER, 'LISTEN', 'SYN_RECEIVED', conn),
    packet(firstIndex + 1, SERVER, client, ['SYN', 'ACK'], 5000, 901),
    state(client, 'SYN_SENT', 'ESTABLISHED', conn),
    packet(firstIndex + 2, client, SERVER, ['ACK'], 901, 5001),
    state(SERVER, 'SYN_RECEIVED', 'ESTABLISHED', conn),
  ];
}

describe('LiveRunLog', () => {
  it('ignores events already seen and counts the ones the stream skipped', () => {
    const log = new LiveRunLog();
    const events = stream([
      { type: 'phase', phase: 'building' },
      { type: 'output', stream: 'build', host: 'build', chunk: 'gcc …\n' },
      { type: 'phase', phase: 'running' },
    ]);
    expect(log.applyAll(events)).toBe(true);
    const version = log.version;
    expect(log.applyAll(events.slice(1))).toBe(false);
    expect(log.version).toBe(version);
    log.apply({ type: 'phase', phase: 'grading', seq: 7, t: 7 });
    expect(log.missedEvents).toBe(4);
    expect(log.nextSeq).toBe(8);
    expect(log.phases.map((p) => p.phase)).toEqual(['building', 'running', 'grading']);
    expect(log.currentPhase).toBe('grading');
  });

  it('joins output chunks of one stream and host, and stops at the limit', () => {
    const log = new LiveRunLog();
    log.applyAll(
      stream([
        { type: 'output', stream: 'stdout', host: 'server', chunk: 'BYT' },
        { type: 'output', stream: 'stdout', host: 'server', chunk: 'ES 6\n' },
        { type: 'output', stream: 'stderr', host: 'server', chunk: 'warning\n' },
        { type: 'output', stream: 'stdout', host: 'server', chunk: 'x'.repeat(OUTPUT_LIMIT_CHARS) },
        { type: 'output', stream: 'stdout', host: 'server', chunk: 'lost' },
      ]),
    );
    expect(log.output.map((b) => [b.stream, b.text.length])).toEqual([
      ['stdout', 8],
      ['stderr', 8],
      ['stdout', OUTPUT_LIMIT_CHARS - 16],
    ]);
    expect(log.output[0].text).toBe('BYTES 6\n');
    expect(log.outputTruncated).toBe(true);
  });

  it('groups segments and states by connection and feeds the ladder', () => {
    const log = new LiveRunLog();
    log.applyAll(stream([{ type: 'phase', phase: 'running' }, ...handshake(40001, 0)]));
    const [picture] = log.pictures([{ id: 'three-chunks', title: 'Three writes' }]);
    expect(picture.id).toBe('three-chunks');
    expect(picture.connections).toEqual([{ id: CONN, endpoints: [CLIENT, SERVER] }]);
    expect(picture.hosts).toEqual({
      '10.7.0.2': { name: null, role: 'learner' },
      '10.7.0.3': { name: null, role: 'peer' },
    });
    const ladder = buildLadder(picture.connections[0], picture.segments, picture.states);
    expect(ladder.arrows.map((a) => `${a.label} ${a.detail}`)).toEqual([
      'SYN seq=0 len=0',
      'SYN+ACK seq=0 ack=1 len=0',
      'ACK seq=1 ack=1 len=0',
    ]);
    expect(ladder.marks.map((m) => `${m.side} ${m.gap} ${m.state}`)).toEqual([
      'left 0 SYN_SENT',
      'right 1 SYN_RECEIVED',
      'left 2 ESTABLISHED',
      'right 3 ESTABLISHED',
    ]);
  });

  it('places the kernel’s states at the time they happened, though they arrive after later segments', () => {
    const log = new LiveRunLog();
    const client = CLIENT;
    // The learner's kernel states come from a tracer read every few tens of milliseconds:
    // SYN_RECEIVED (t=2) and ESTABLISHED (t=6) are delivered after the ACK (t=5) and the data (t=8).
    const late: LabEvent[] = [
      { ...state(client, 'CLOSED', 'SYN_SENT'), seq: 0, t: 1 },
      { ...packet(0, client, SERVER, ['SYN'], 900, 0), seq: 1, t: 1.5 },
      { ...packet(1, SERVER, client, ['SYN', 'ACK'], 5000, 901), seq: 2, t: 3 },
      { ...state(client, 'SYN_SENT', 'ESTABLISHED'), seq: 3, t: 4 },
      { ...packet(2, client, SERVER, ['ACK'], 901, 5001), seq: 4, t: 5 },
      { ...packet(3, client, SERVER, ['ACK', 'PSH'], 901, 5001, 6), seq: 5, t: 8 },
      { ...state(SERVER, 'LISTEN', 'SYN_RECEIVED'), seq: 6, t: 2 },
      { ...state(SERVER, 'SYN_RECEIVED', 'ESTABLISHED'), seq: 7, t: 6 },
    ] as LabEvent[];
    log.applyAll(late);
    const [picture] = log.pictures();
    const ladder = buildLadder(picture.connections[0], picture.segments, picture.states);
    expect(ladder.marks.map((m) => `${m.side} ${m.gap} ${m.state}`)).toEqual([
      'left 0 SYN_SENT',
      'right 1 SYN_RECEIVED',
      'left 2 ESTABLISHED',
      'right 3 ESTABLISHED',
    ]);
  });

  it('starts a new scenario when the capture’s frame numbers start again', () => {
    const log = new LiveRunLog();
    log.applyAll(
      stream([
        ...handshake(40001, 0),
        { type: 'syscall', host: 'server', pid: 12, name: 'accept4', args: '3, …', result: 4 },
        // The next scenario's peer announces SYN_SENT before its first frame.
        ...handshake(40002, 0),
        { type: 'packet', index: 3, src: 'server', dst: '', protocol: 'arp', length: 42, summary: 'arp' },
      ]),
    );
    const pictures = log.pictures([{ id: 'a', title: null }]);
    expect(pictures.map((p) => [p.id, p.connections.length, p.segments.length, p.states.length])).toEqual([
      ['a', 1, 3, 4],
      ['scenario-2', 1, 3, 4],
    ]);
    expect(pictures[0].syscalls.map((s) => s.name)).toEqual(['accept4']);
    expect(pictures[1].connections[0].endpoints).toEqual(['10.7.0.3:40002', SERVER]);
    expect(log.otherFrames).toEqual({ arp: 1 });
    expect(log.segmentCount).toBe(6);
  });

  it('groups events by the scenario they name, also when scenarios run at once', () => {
    const log = new LiveRunLog();
    const inScenario = (scenario: string, events: Input[]): Input[] =>
      events.map((event) => ({ ...event, scenario }) as Input);
    const first = inScenario('one-byte', handshake(40001, 0));
    const second = inScenario('three-chunks', handshake(40002, 0));
    // Interleaved, and both captures number their frames from 0.
    log.applyAll(stream(first.flatMap((event, i) => [event, second[i]])));
    log.apply({
      ...stream(
        inScenario('one-byte', [
          { type: 'syscall', host: 'server', pid: 12, name: 'accept4', args: '3, …', result: 4 },
        ]),
        14,
      )[0],
    });
    const pictures = log.pictures([
      { id: 'three-chunks', title: 'Three chunks' },
      { id: 'one-byte', title: 'One byte' },
    ]);
    expect(
      pictures.map((p) => [p.id, p.title, p.connections.map((c) => c.endpoints[0]), p.segments.length]),
    ).toEqual([
      ['one-byte', 'One byte', ['10.7.0.3:40001'], 3],
      ['three-chunks', 'Three chunks', ['10.7.0.3:40002'], 3],
    ]);
    expect(pictures[0].syscalls.map((s) => s.name)).toEqual(['accept4']);
    expect(pictures[1].syscalls).toEqual([]);
  });

  it('names both sockets of a connection seen only through state changes so far', () => {
    const log = new LiveRunLog();
    log.applyAll(stream([state(CLIENT, 'CLOSED', 'SYN_SENT')])); // the peer's, before its SYN
    expect(log.pictures()[0].connections).toEqual([{ id: CONN, endpoints: [CLIENT, SERVER] }]);
  });

  it('forgets a failed attempt when the runner starts the run again', () => {
    const log = new LiveRunLog();
    log.applyAll(
      stream([
        { type: 'phase', phase: 'building' },
        { type: 'phase', phase: 'running' },
        ...handshake(40001, 0),
        { type: 'error', code: 'lab/sandbox-failed', message: 'lost the sandbox (retrying)' },
        { type: 'phase', phase: 'building' },
      ]),
    );
    expect(log.attempt).toBe(2);
    expect(log.phases.map((p) => p.phase)).toEqual(['building']);
    expect(log.pictures()).toEqual([]);
    expect(log.errors.map((e) => e.code)).toEqual(['lab/sandbox-failed']);
  });

  it('keeps check results and the final result', () => {
    const log = new LiveRunLog();
    log.applyAll(
      stream([
        {
          type: 'check',
          scenario: 'a',
          id: 'no-reset',
          status: 'fail',
          points: 0,
          maxPoints: 10,
          message: 'RST',
        },
        { type: 'result', score: 90, maxScore: 100, gradable: true },
      ]),
    );
    expect(log.checks.map((c) => `${c.id} ${c.status}`)).toEqual(['no-reset fail']);
    expect(log.result).toMatchObject({ score: 90, maxScore: 100 });
  });
});
