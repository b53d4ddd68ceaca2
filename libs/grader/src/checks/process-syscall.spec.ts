import { grade } from '../grade';
import { checkById } from '../testing/check-by-id';
import { testSpec } from '../testing/exercise-spec';
import { ScenarioBuilder } from '../testing/scenario-builder';

const hosts = { server: { address: '10.0.0.2', learner: true }, client: { address: '10.0.0.3' } };

const spec = testSpec({
  learner: 'server',
  scenarios: ['client-closes'],
  checks: `
  - id: epipe-seen
    title: A write to the closed connection fails with EPIPE
    points: 10
    explanation: After the peer's RST, a write fails with EPIPE.
    syscall: { host: server, name: write, errno: EPIPE }
  - id: never-killed
    title: The server survives SIGPIPE
    points: 20
    explanation: Ignore SIGPIPE or use MSG_NOSIGNAL.
    process: { host: server, killed: false, aliveAtEnd: true }`,
});

function ticking(): ScenarioBuilder {
  return new ScenarioBuilder('client-closes', hosts)
    .syscall(100, 50, 'write', { fd: 4, ret: '7', args: '4, "TICK 1\\n", 7' })
    .syscall(100, 100, 'write', { fd: 4, ret: '7', args: '4, "TICK 2\\n", 7' })
    .syscall(100, 150, 'sendto', { fd: 4, errno: 'EPIPE', args: '4, "TICK 3\\n", 7, 0, NULL, 0' });
}

describe('syscall and process', () => {
  it('passes a server whose send() failed with EPIPE and that kept running', () => {
    const report = grade(spec, [ticking().run('server', 100).build()]);
    expect(checkById(report, 'epipe-seen')).toMatchObject({
      status: 'pass',
      message: '1 write() call failing with EPIPE, the first sendto(4) = -1 EPIPE at t=150.0 ms.',
      evidence: [{ kind: 'syscall', pid: 100, name: 'sendto', t: 150_000_000 }],
    });
    expect(checkById(report, 'never-killed')).toMatchObject({
      status: 'pass',
      message: 'As expected, it was still running at the end.',
    });
  });

  it('fails a server killed by SIGPIPE and explains the default disposition', () => {
    const report = grade(spec, [
      ticking().run('server', 100, { exitedAtMs: 150.1, signal: 'SIGPIPE' }).build(),
    ]);
    const check = checkById(report, 'never-killed');
    expect(check.status).toBe('fail');
    expect(check.message).toBe(
      [
        '1. Expected: the server program to never be killed by a signal and still be running when the scenario ended.',
        '2. Observed: it was killed by SIGPIPE at t=150.1 ms.',
        '3. Look at: the sendto() at t=150.0 ms on fd 4: writing to a connection the peer has closed or reset raises SIGPIPE, whose default action ends the process. Ignore it (signal(SIGPIPE, SIG_IGN)) or send with MSG_NOSIGNAL, then handle the EPIPE error.',
      ].join('\n'),
    );
  });

  it('says when the kernel killed the program at its memory limit', () => {
    const report = grade(spec, [
      ticking()
        .run('server', 100, { exitedAtMs: 170, signal: 'SIGKILL', limitsReached: ['memory'] })
        .build(),
    ]);
    const message = checkById(report, 'never-killed').message;
    expect(message).toContain(
      "2. Observed: it was killed by SIGKILL (out of memory: the exercise's memory limit) at t=170.0 ms.",
    );
    expect(message).toContain('3. Look at: memory the program keeps allocating');
  });

  it('says when a fork() or thread creation was refused at the process limit', () => {
    const report = grade(spec, [
      ticking()
        .run('server', 100, { exitedAtMs: 180, exitCode: 1, limitsReached: ['processes'] })
        .build(),
    ]);
    expect(checkById(report, 'never-killed').message).toContain(
      "it exited with status 1. It reached the exercise's limit of processes and threads: a fork() or thread creation failed with EAGAIN.",
    );
  });

  it('quotes a long stderr by its beginning and its end, where a Python traceback names the error', () => {
    const frames = '  File "/work/main.py", line 3, in <module>\n'.repeat(8);
    const traceback = `Traceback (most recent call last):\n${frames}UnicodeDecodeError: 'utf-8' codec can't decode byte 0x80 in position 128: invalid start byte\n`;
    const report = grade(spec, [
      ticking().run('server', 100, { exitedAtMs: 160, exitCode: 1, stderr: traceback }).build(),
    ]);
    const message = checkById(report, 'never-killed').message;
    expect(message).toContain('Its stderr: "Traceback (most recent call last):\\n');
    expect(message).toContain(
      `UnicodeDecodeError: 'utf-8' codec can't decode byte 0x80 in position 128: invalid start byte\\n" (${Buffer.byteLength(traceback)} bytes in all).`,
    );
  });

  it('does not blame the program for the lab stopping it', () => {
    const report = grade(spec, [
      ticking()
        .run('server', 100, { exitedAtMs: 900, signal: 'SIGTERM', killedByLab: true, aliveAtEnd: true })
        .build(),
    ]);
    expect(checkById(report, 'never-killed').status).toBe('pass');
  });

  it('fails when no write failed, saying what the writes did', () => {
    const evidence = new ScenarioBuilder('client-closes', hosts)
      .run('server', 100)
      .syscall(100, 50, 'write', { fd: 4, ret: '7' })
      .syscall(100, 60, 'write', { fd: 1, ret: '3' })
      .build();
    expect(checkById(grade(spec, [evidence]), 'epipe-seen').message).toContain(
      '2. Observed: none. The program made 1 write() call; none failed.',
    );
  });

  it('says what the other calls did when too few succeeded', () => {
    const rebinds = testSpec({
      learner: 'server',
      scenarios: ['restart'],
      checks: `
  - id: binds-twice
    title: Both runs bind the port
    points: 10
    explanation: SO_REUSEADDR lets the restarted server bind next to TIME_WAIT.
    syscall: { host: server, name: bind, ret: 0, count: { min: 2 } }`,
    });
    const evidence = new ScenarioBuilder('restart', hosts)
      .run('server', 100, { stoppedByLabAtMs: 200, exitedAtMs: 201 })
      .run('server', 101, { startedAtMs: 205, exitedAtMs: 240, exitCode: 1 })
      .syscall(100, 10, 'bind', { fd: 3, ret: '0' })
      .syscall(101, 230, 'bind', { fd: 3, errno: 'EADDRINUSE' })
      .build();
    expect(checkById(grade(rebinds, [evidence]), 'binds-twice').message).toBe(
      [
        '1. Expected: at least 2 bind() calls returning 0 by the server program.',
        '2. Observed: 1: bind(3) = 0 at t=10.0 ms. The program made 1 other bind() call; failed: 1 with EADDRINUSE.',
      ].join('\n'),
    );
  });

  it('is an error when strace did not run', () => {
    const report = grade(spec, [
      ticking().run('server', 100).source('strace', 'unavailable', 'ptrace denied').build(),
    ]);
    expect(checkById(report, 'epipe-seen').status).toBe('error');
    expect(report.gradable).toBe(false);
  });
});

describe('process outcomes of a client', () => {
  const clientSpec = testSpec({
    learner: 'client',
    scenarios: ['refused'],
    checks: `
  - id: refused-output
    title: Prints REFUSED and exits 2
    points: 20
    explanation: An RST in answer to the SYN means nobody listens.
    process: { host: client, exitCode: 2, stdout: { equals: "REFUSED\\n" } }`,
  });
  const clientHosts = { client: { address: '10.0.0.2', learner: true }, server: { address: '10.0.0.3' } };

  it('passes the right exit status and output', () => {
    const evidence = new ScenarioBuilder('refused', clientHosts)
      .run('client', 5, { exitedAtMs: 3, exitCode: 2, stdout: 'REFUSED\n' })
      .build();
    expect(grade(clientSpec, [evidence]).scenarios[0].checks[0].message).toBe(
      'As expected, it exited with status 2 after printing "REFUSED\\n".',
    );
  });

  it('fails a client that reports TIMEOUT for a refused connection', () => {
    const evidence = new ScenarioBuilder('refused', clientHosts)
      .run('client', 5, { exitedAtMs: 3000, exitCode: 3, stdout: 'TIMEOUT\n' })
      .build();
    expect(grade(clientSpec, [evidence]).scenarios[0].checks[0].message).toBe(
      [
        '1. Expected: the client program to exit with status 2 and print exactly "REFUSED\\n".',
        '2. Observed: it exited with status 3; it printed "TIMEOUT\\n".',
      ].join('\n'),
    );
  });
});
