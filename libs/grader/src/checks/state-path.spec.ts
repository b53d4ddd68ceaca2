import { grade } from '../grade';
import { testSpec } from '../testing/exercise-spec';
import { ScenarioBuilder } from '../testing/scenario-builder';

const hosts = { server: { address: '10.0.0.2', learner: true }, client: { address: '10.0.0.3' } };

const spec = testSpec({
  learner: 'server',
  scenarios: ['three-chunks'],
  checks: `
  - id: server-close-path
    title: The server's connection goes CLOSE_WAIT → LAST_ACK → CLOSED
    points: 20
    explanation: Receiving the FIN moves the socket to CLOSE_WAIT until close().
    statePath:
      socket: { host: server, role: accepted, port: '{port}' }
      path: ['SYN_RECEIVED?', ESTABLISHED, CLOSE_WAIT, LAST_ACK, CLOSED]`,
});

/** The half-close-echo conversation up to the client's FIN, seen by the kernel and the capture. */
function halfCloseEcho(run: Parameters<ScenarioBuilder['run']>[2] = {}): ScenarioBuilder {
  return new ScenarioBuilder('three-chunks', hosts)
    .run('server', 100, run)
    .connection('c1', { host: 'client', port: 40000 }, { host: 'server' })
    .packet('c1', 'client', 1.0, 'S', { ack: null })
    .packet('c1', 'server', 1.1, 'S.')
    .packet('c1', 'client', 1.2, '.')
    .packet('c1', 'client', 2.0, 'P.', { seq: 1, len: 6 })
    .packet('c1', 'server', 2.5, 'P.', { seq: 1, len: 6 })
    .packet('c1', 'client', 30.0, 'F.', { seq: 7 })
    .states('c1', 'server', 'kernel', [
      [1.05, 'LISTEN'],
      [1.1, 'SYN_RECEIVED'],
      [1.25, 'ESTABLISHED'],
      [30.1, 'CLOSE_WAIT'],
    ])
    .states('c1', 'server', 'inferred', [
      [1.0, 'LISTEN'],
      [1.0, 'SYN_RECEIVED'],
      [1.2, 'ESTABLISHED'],
      [30.0, 'CLOSE_WAIT'],
    ])
    .syscall(100, 2.2, 'read', {
      fd: 4,
      ret: '6',
      socket: { local: { addr: '10.0.0.2', port: 8080 }, remote: { addr: '10.0.0.3', port: 40000 } },
    });
}

describe('statePath', () => {
  it('passes when the accepted socket closes after the client half-closed', () => {
    const evidence = halfCloseEcho()
      .packet('c1', 'server', 31.0, 'P.', { seq: 7, len: 12 })
      .packet('c1', 'server', 31.5, 'F.', { seq: 19 })
      .packet('c1', 'client', 31.6, '.', { seq: 8, ack: 20 })
      .states('c1', 'server', 'kernel', [
        [31.4, 'LAST_ACK'],
        [31.7, 'CLOSED'],
      ])
      .build();
    const check = grade(spec, [evidence]).scenarios[0].checks[0];
    expect(check.status).toBe('pass');
    expect(check.points).toBe(20);
    expect(check.message).toContain('LAST_ACK (t=31.4 ms) → CLOSED (t=31.7 ms)');
  });

  it('fails a server stuck in CLOSE_WAIT and points at the FIN and the missing close()', () => {
    const evidence = halfCloseEcho()
      .step({ tStartMs: 0, tEndMs: 2030, status: 'timeout', action: 'readToEof' })
      .build();
    const check = grade(spec, [evidence]).scenarios[0].checks[0];
    expect(check.status).toBe('fail');
    expect(check.points).toBe(0);
    expect(check.message).toBe(
      [
        "1. Expected: each of the server's accepted sockets on port 8080 to go SYN_RECEIVED (if it occurs) → ESTABLISHED → CLOSE_WAIT → LAST_ACK → CLOSED.",
        '2. Observed: it went LISTEN (t=1.1 ms) → SYN_RECEIVED (t=1.1 ms) → ESTABLISHED (t=1.3 ms) → CLOSE_WAIT (t=30.1 ms), then nothing until the run ended at t=2030 ms.',
        "3. Look at: packet #5 (FIN+ACK, 10.0.0.3:40000 → 10.0.0.2:8080, t=30.0 ms), the peer's FIN. The socket stays in CLOSE_WAIT until your program closes it; your program never called close() on fd 4. When read() returns 0, the peer has finished sending: close the socket.",
      ].join('\n'),
    );
    expect(check.evidence).toContainEqual({ kind: 'packet', index: 5, t: 30_000_000 });
    expect(check.evidence).toContainEqual({
      kind: 'state',
      connectionId: 'c1',
      endpoint: '10.0.0.2:8080',
      state: 'CLOSE_WAIT',
      t: 30_100_000,
    });
  });

  it('says so when the RST came from the program ending (a crash closes its sockets), not from a close()', () => {
    const evidence = halfCloseEcho({ exitedAtMs: 30.5, exitCode: 1, stderr: 'Traceback …' })
      .packet('c1', 'server', 31.0, 'R.', { seq: 7 })
      .states('c1', 'server', 'kernel', [[31.0, 'CLOSED']])
      .build();
    const check = grade(spec, [evidence]).scenarios[0].checks[0];
    expect(check.message).toContain(
      'Here your program had ended first (it exited with status 1 at t=30.5 ms): ending closes every socket it still has, so find out why it ended.',
    );
  });

  it('names the failing one of several accepted sockets by its client, since they share the server address', () => {
    const evidence = halfCloseEcho()
      .connection('c2', { host: 'client', port: 40001 }, { host: 'server' })
      .packet('c2', 'client', 3.0, 'S', { ack: null })
      .packet('c2', 'server', 3.1, 'S.')
      .packet('c2', 'client', 3.2, '.')
      .packet('c2', 'client', 4.0, 'F.', { seq: 1 })
      .packet('c2', 'server', 4.5, 'F.', { seq: 1 })
      .packet('c2', 'client', 4.6, '.', { seq: 2, ack: 2 })
      .states('c2', 'server', 'kernel', [
        [3.05, 'LISTEN'],
        [3.1, 'SYN_RECEIVED'],
        [3.25, 'ESTABLISHED'],
        [4.1, 'CLOSE_WAIT'],
        [4.5, 'LAST_ACK'],
        [4.7, 'CLOSED'],
      ])
      .build();
    const check = grade(spec, [evidence]).scenarios[0].checks[0];
    expect(check.status).toBe('fail');
    expect(check.message).toContain(
      '2. Observed: 1 of 2 sockets did; the 1st (10.0.0.2:8080, connected to 10.0.0.3:40000) did not: it went LISTEN',
    );
  });

  it('fails a close() with unread data and names the RST', () => {
    const evidence = halfCloseEcho()
      .packet('c1', 'server', 31.0, 'R.', { seq: 7 })
      .states('c1', 'server', 'kernel', [[31.0, 'CLOSED']])
      .build();
    const check = grade(spec, [evidence]).scenarios[0].checks[0];
    expect(check.status).toBe('fail');
    expect(check.message).toContain('CLOSE_WAIT (t=30.1 ms) → CLOSED (t=31.0 ms)');
    expect(check.message).toContain(
      '3. Look at: packet #6 (RST+ACK, 10.0.0.2:8080 → 10.0.0.3:40000, t=31.0 ms): this socket sent RST',
    );
  });

  it('reads a kernel CLOSED after FIN_WAIT_2 as TIME_WAIT when another source saw TIME_WAIT', () => {
    const clientSpec = testSpec({
      learner: 'client',
      scenarios: ['normal'],
      checks: `
  - id: client-path
    title: The client closes first and ends in TIME_WAIT
    points: 20
    explanation: The active closer waits in TIME_WAIT.
    statePath:
      socket: { host: client, role: connected, port: '{port}' }
      path: [SYN_SENT, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, TIME_WAIT]`,
    });
    const evidence = new ScenarioBuilder('normal', {
      client: { address: '10.0.0.2', learner: true },
      server: { address: '10.0.0.3' },
    })
      .run('client', 7, { exitedAtMs: 20, exitCode: 0 })
      .connection('k1', { host: 'client', port: 50000 }, { host: 'server' })
      .states('k1', 'client', 'kernel', [
        [1, 'CLOSED'],
        [1, 'SYN_SENT'],
        [2, 'ESTABLISHED'],
        [10, 'FIN_WAIT_1'],
        [10.2, 'FIN_WAIT_2'],
        [12.1, 'CLOSED'],
      ])
      .states('k1', 'client', 'inferred', [
        [1, 'CLOSED'],
        [1, 'SYN_SENT'],
        [2, 'ESTABLISHED'],
        [10, 'FIN_WAIT_1'],
        [10.2, 'FIN_WAIT_2'],
        [12.0, 'TIME_WAIT'],
      ])
      .build();
    const check = grade(clientSpec, [evidence]).scenarios[0].checks[0];
    expect(check.message).toBe(
      'The socket went CLOSED (t=1.0 ms) → SYN_SENT (t=1.0 ms) → ESTABLISHED (t=2.0 ms) → FIN_WAIT_1 (t=10.0 ms) → FIN_WAIT_2 (t=10.2 ms) → TIME_WAIT (t=12.1 ms).',
    );
    expect(check.status).toBe('pass');
  });

  it('fails "every" when no socket matches the selector, listing what the host had', () => {
    const evidence = new ScenarioBuilder('three-chunks', hosts).run('server', 100).build();
    const check = grade(spec, [evidence]).scenarios[0].checks[0];
    expect(check.status).toBe('fail');
    expect(check.message).toContain(
      '2. Observed: no such socket existed. The server host had no TCP sockets at all.',
    );
  });

  it('is an error when no state source was recorded at all', () => {
    const evidence = new ScenarioBuilder('three-chunks', hosts)
      .source('kernel', 'unavailable', 'tracefs not mounted')
      .source('inferred', 'unavailable', 'no captured segments')
      .source('ss', 'unavailable')
      .source('netstack', 'unavailable')
      .build();
    const report = grade(spec, [evidence]);
    expect(report.scenarios[0].checks[0].status).toBe('error');
    expect(report.gradable).toBe(false);
  });
});

describe('statePath dwell', () => {
  const dwellSpec = testSpec({
    learner: 'server',
    scenarios: ['prompt'],
    checks: `
  - id: prompt-close
    title: Leaves CLOSE_WAIT within 500 ms
    points: 10
    explanation: Close promptly once the peer has closed.
    statePath:
      socket: { host: server, role: accepted }
      path: ['*']
      dwell: { state: CLOSE_WAIT, maxMs: 500 }`,
  });

  function closingAfter(ms: number) {
    return new ScenarioBuilder('prompt', hosts)
      .run('server', 100)
      .connection('c1', { host: 'client', port: 40001 }, { host: 'server' })
      .states('c1', 'server', 'kernel', [
        [1, 'SYN_RECEIVED'],
        [2, 'ESTABLISHED'],
        [10, 'CLOSE_WAIT'],
        [10 + ms, 'LAST_ACK'],
        [11 + ms, 'CLOSED'],
      ])
      .build();
  }

  it('passes a socket that left CLOSE_WAIT in time', () => {
    expect(grade(dwellSpec, [closingAfter(120)]).scenarios[0].checks[0].status).toBe('pass');
  });

  it('fails one that stayed too long, saying how long', () => {
    const check = grade(dwellSpec, [closingAfter(812)]).scenarios[0].checks[0];
    expect(check.status).toBe('fail');
    expect(check.message).toContain(
      "1. Expected: each of the server's accepted sockets to go (any states), staying in CLOSE_WAIT at most 500 ms.",
    );
    expect(check.message).toContain(
      'it stayed in CLOSE_WAIT for 812.0 ms (t=10.0 ms to t=822.0 ms), longer than the allowed 500 ms',
    );
  });
});
