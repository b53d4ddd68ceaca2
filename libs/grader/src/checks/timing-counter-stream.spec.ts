import { grade } from '../grade';
import { checkById } from '../testing/check-by-id';
import { testSpec } from '../testing/exercise-spec';
import { ScenarioBuilder } from '../testing/scenario-builder';

const clientHosts = { client: { address: '10.0.0.2', learner: true }, server: { address: '10.0.0.3' } };
const serverHosts = { server: { address: '10.0.0.2', learner: true }, client: { address: '10.0.0.3' } };

describe('timing (ping-client, blackhole)', () => {
  const spec = testSpec({
    learner: 'client',
    scenarios: ['blackhole'],
    checks: `
  - id: timeout-timing
    title: TIMEOUT is reported between 3.0 and 4.5 s after start
    points: 20
    explanation: The limit is 3 s from the start of the connection attempt.
    timing:
      from: { process: { host: client, started: true } }
      to: { process: { host: client, printed: '^TIMEOUT$' } }
      min: 3000
      max: 4500`,
  });

  const printingAt = (ms: number) =>
    new ScenarioBuilder('blackhole', clientHosts)
      .run('client', 7, { startedAtMs: 10, exitedAtMs: ms + 1, exitCode: 3, stdout: 'TIMEOUT\n' })
      .syscall(7, ms, 'write', { fd: 1, ret: '8', args: '1, "TIMEOUT\\n", 8', tEnd: ms * 1e6 })
      .build();

  it('passes inside the range and within the 4 ms tolerance just outside it', () => {
    expect(grade(spec, [printingAt(3012)]).scenarios[0].checks[0].message).toBe(
      '3002 ms: from t=10.0 ms to t=3012 ms (3000–4500 ms (± 4 ms)).',
    );
    expect(grade(spec, [printingAt(3008)]).scenarios[0].checks[0].status).toBe('pass');
  });

  it('fails too early beyond the tolerance and too late', () => {
    const early = grade(spec, [printingAt(3005)]).scenarios[0].checks[0];
    expect(early.status).toBe('fail');
    expect(early.message).toContain('2. Observed: 2995 ms: from t=10.0 ms to t=3005 ms — too early.');
    expect(grade(spec, [printingAt(4600)]).scenarios[0].checks[0].message).toContain('— too late.');
  });

  it('fails when TIMEOUT was never printed', () => {
    const evidence = new ScenarioBuilder('blackhole', clientHosts)
      .run('client', 7, {
        startedAtMs: 10,
        exitedAtMs: 8000,
        signal: 'SIGKILL',
        killedByLab: true,
        timedOut: true,
      })
      .build();
    expect(grade(spec, [evidence]).scenarios[0].checks[0].message).toContain(
      '2. Observed: the first line the client program printed on stdout matching /^TIMEOUT$/ never happened (the run ended at t=8000 ms).',
    );
  });

  it('is an error when the output was printed but its write was not traced', () => {
    const evidence = new ScenarioBuilder('blackhole', clientHosts)
      .run('client', 7, { exitedAtMs: 3100, exitCode: 3, stdout: 'TIMEOUT\n' })
      .build();
    expect(grade(spec, [evidence]).scenarios[0].checks[0].status).toBe('error');
  });
});

describe('counter (busy-listener)', () => {
  const spec = testSpec({
    learner: 'server',
    scenarios: ['burst'],
    checks: `
  - id: no-overflow
    title: The accept queue never overflows
    points: 10
    explanation: A listen() backlog too small drops SYNs.
    counter: { name: listenOverflows, host: server, op: '==', value: 0 }
  - id: no-syn-retransmission
    title: No SYN is retransmitted
    points: 10
    explanation: A dropped SYN is sent again after 1 s.
    counter: { name: synRetransmissions, op: '==', value: 0 }`,
  });

  it('passes a listener that kept up', () => {
    const evidence = new ScenarioBuilder('burst', serverHosts)
      .run('server', 1)
      .counters('server', {})
      .connection('c1', { host: 'client', port: 40000 }, { host: 'server' })
      .packet('c1', 'client', 1, 'S', { ack: null })
      .packet('c1', 'server', 1.1, 'S.')
      .build();
    const report = grade(spec, [evidence]);
    expect(checkById(report, 'no-overflow')).toMatchObject({
      status: 'pass',
      message: 'listenOverflows on server = 0.',
    });
    expect(checkById(report, 'no-syn-retransmission').status).toBe('pass');
  });

  it('fails overflows from the kernel counters and SYNs sent again from the capture', () => {
    const evidence = new ScenarioBuilder('burst', serverHosts)
      .run('server', 1)
      .counters('server', { TcpExtListenOverflows: 5, TcpExtListenDrops: 5 })
      .connection('c1', { host: 'client', port: 40000 }, { host: 'server' })
      .packet('c1', 'client', 1, 'S', { ack: null })
      .packet('c1', 'client', 1001, 'S', { ack: null })
      .packet('c1', 'server', 1001.1, 'S.')
      .build();
    const report = grade(spec, [evidence]);
    expect(checkById(report, 'no-overflow').message).toContain(
      "2. Observed: 5: the kernel's TcpExtListenOverflows went up by 5.",
    );
    expect(checkById(report, 'no-syn-retransmission').message).toContain('2. Observed: 1: packets #1.');
  });

  it('is an error when the counters of the host were not recorded', () => {
    const evidence = new ScenarioBuilder('burst', serverHosts)
      .run('server', 1)
      .source('nstat', 'unavailable', 'nstat missing')
      .build();
    expect(checkById(grade(spec, [evidence]), 'no-overflow').status).toBe('error');
  });
});

describe('stream (half-close-echo)', () => {
  const spec = testSpec({
    learner: 'server',
    scenarios: ['three-chunks'],
    checks: `
  - id: echo-complete
    title: Every byte is echoed, in order
    points: 30
    explanation: TCP is a byte stream.
    stream: { conn: c1, startsWith: [{ sent: c1 }] }
  - id: summary-correct
    title: The summary counts every byte
    points: 15
    explanation: The total is known only after the FIN.
    stream: { conn: c1, endsWith: ["BYTES 10\\n"] }`,
  });
  const withStream = (received: string) =>
    new ScenarioBuilder('three-chunks', serverHosts)
      .run('server', 1)
      .stream('c1', { sent: 'hello\nbye\n', received })
      .build();

  it('passes an exact echo followed by the summary', () => {
    const report = grade(spec, [withStream('hello\nbye\nBYTES 10\n')]);
    expect(checkById(report, 'echo-complete').status).toBe('pass');
    expect(checkById(report, 'summary-correct').status).toBe('pass');
  });

  it('fails an echo cut after the first read, saying how much arrived', () => {
    const check = checkById(grade(spec, [withStream('hello\n')]), 'echo-complete');
    expect(check.message).toBe(
      [
        '1. Expected: the bytes connection "c1" received to start with everything "c1" sent (10 bytes).',
        '2. Observed: it received only 6 bytes of the 10 expected; the last bytes were "hello\\n".',
      ].join('\n'),
    );
  });

  it('shows where a wrong summary differs', () => {
    const check = checkById(grade(spec, [withStream('hello\nbye\nBYTES 6\n\n')]), 'summary-correct');
    expect(check.message).toContain(
      '2. Observed: it ends with "hello\\nbye\\nBYTES 6\\n\\n", which differs from the expected ending at byte 16 of 19.',
    );
  });

  it('quotes a wrong ending whole, with what came before it, not from its first difference on', () => {
    const echo = 'x'.repeat(40);
    const check = checkById(grade(spec, [withStream(`${echo}bye\nBYTES: 10\r\n`)]), 'summary-correct');
    expect(check.message).toContain(
      `2. Observed: it ends with …"${'x'.repeat(18)}bye\\nBYTES: 10\\r\\n", which differs from the expected ending at byte 46 of 55.`,
    );
  });

  it('fails when the connection was never opened because a step failed', () => {
    const evidence = new ScenarioBuilder('three-chunks', serverHosts)
      .step({
        tStartMs: 0,
        tEndMs: 5000,
        status: 'timeout',
        action: 'connect',
        message: 'no SYN-ACK within 5000 ms',
      })
      .build();
    const check = checkById(grade(spec, [evidence]), 'echo-complete');
    expect(check.status).toBe('fail');
    expect(check.message).toContain(
      'the connection was never opened: step steps[0] (connect) timed out: no SYN-ACK within 5000 ms',
    );
  });
});
