import { LabEventSchema, type LabEvent } from './lab-events';

const paths = (input: unknown): string[] => {
  const result = LabEventSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

describe('LabEvent', () => {
  const good: LabEvent[] = [
    { seq: 0, t: 0, type: 'phase', phase: 'building' },
    { seq: 1, t: 12.5, type: 'output', stream: 'build', host: 'client', chunk: 'gcc: ok\n' },
    {
      seq: 2,
      t: 30,
      type: 'state',
      conn: '10.0.0.1:7000-10.0.0.2:40000',
      endpoint: '10.0.0.2:40000',
      from: 'SYN_SENT',
      to: 'ESTABLISHED',
      source: 'kernel',
    },
    {
      seq: 3,
      t: 30.1,
      type: 'packet',
      index: 0,
      src: '10.0.0.2:40000',
      dst: '10.0.0.1:7000',
      protocol: 'tcp',
      length: 74,
      summary: 'SYN',
      tcp: { flags: ['SYN'], seq: 0, ack: 0, window: 64240, payloadLength: 0 },
    },
    {
      seq: 4,
      t: 31,
      type: 'syscall',
      host: 'client',
      pid: 42,
      name: 'write',
      args: '3, "hi", 2',
      result: -1,
      errno: 'EPIPE',
      signal: 'SIGPIPE',
    },
    {
      seq: 5,
      t: 40,
      type: 'check',
      scenario: 'peer-rst',
      id: 'handles-epipe',
      status: 'pass',
      points: 2,
      maxPoints: 2,
      message: 'write failed with EPIPE as expected',
    },
    { seq: 6, t: 41, type: 'result', score: 2, maxScore: 2, gradable: true },
    { seq: 7, t: 41, type: 'error', code: 'sandbox/unavailable', message: 'no sandbox driver' },
  ];

  it.each(good)('accepts a $type event', (event) => {
    expect(LabEventSchema.parse(event)).toEqual(event);
  });

  it('rejects an unknown type at "type"', () => {
    expect(paths({ seq: 0, t: 0, type: 'telemetry' })).toEqual(['type']);
  });

  it('requires a non-negative integer sequence number for ordered replay', () => {
    expect(paths({ seq: -1, t: 0, type: 'phase', phase: 'done' })).toEqual(['seq']);
    expect(paths({ seq: 1.5, t: 0, type: 'phase', phase: 'done' })).toEqual(['seq']);
    expect(paths({ t: 0, type: 'phase', phase: 'done' })).toEqual(['seq']);
  });

  it('reports the offending nested field', () => {
    expect(paths({ ...good[2], to: 'HALF_OPEN' })).toEqual(['to']);
    expect(
      paths({ ...good[3], tcp: { flags: ['SYN', 'XMAS'], seq: 0, ack: 0, window: 1, payloadLength: 0 } }),
    ).toEqual(['tcp.flags.1']);
    expect(paths({ ...good[1], stream: 'stdin' })).toEqual(['stream']);
  });
});
