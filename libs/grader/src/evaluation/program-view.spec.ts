import { grade } from '../grade';
import { checkById } from '../testing/check-by-id';
import { testSpec } from '../testing/exercise-spec';
import { ScenarioBuilder } from '../testing/scenario-builder';
import { programView } from './program-view';

const hosts = { server: { address: '10.0.0.2', learner: true }, client: { address: '10.0.0.3' } };
const serverSocket = { local: { addr: '10.0.0.2', port: 8080 }, remote: { addr: '10.0.0.3', port: 40000 } };

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
      path: ['SYN_RECEIVED?', ESTABLISHED, CLOSE_WAIT, LAST_ACK, CLOSED]
  - id: server-fin
    title: The server sends a FIN
    points: 10
    explanation: close() sends FIN.
    packets:
      match: { direction: learner-to-peer, flags: F }
      count: { min: 1 }
  - id: close-called
    title: The server calls close()
    points: 10
    explanation: close() ends the connection.
    syscall: { host: server, name: close }
  - id: exit-timing
    title: The server exits within a second
    points: 10
    explanation: It exits on its own.
    timing:
      from: { scenario: start }
      to: { process: { host: server, exited: true } }
      max: 1000`,
});

/** A half-close-echo conversation up to the client's FIN; the server program never closes. */
function clientHalfClosed(): ScenarioBuilder {
  return new ScenarioBuilder('three-chunks', hosts)
    .step({ tStartMs: 0, tEndMs: 1 })
    .connection('c1', { host: 'client', port: 40000 }, { host: 'server' })
    .packet('c1', 'client', 1.0, 'S', { ack: null })
    .packet('c1', 'server', 1.1, 'S.')
    .packet('c1', 'client', 1.2, '.')
    .packet('c1', 'client', 30.0, 'F.', { seq: 7 })
    .states('c1', 'server', 'kernel', [
      [1.1, 'SYN_RECEIVED'],
      [1.25, 'ESTABLISHED'],
      [30.1, 'CLOSE_WAIT'],
    ]);
}

/** What the kernel does when the lab's SIGTERM at t=500 ms ends a program still holding the socket. */
function killedAt500(builder: ScenarioBuilder): ScenarioBuilder {
  return builder
    .run('server', 100, { stoppedByLabAtMs: 500, exitedAtMs: 500.3, aliveAtEnd: true })
    .packet('c1', 'server', 500.2, 'F.', { seq: 19 })
    .packet('c1', 'client', 500.4, '.', { seq: 8, ack: 20 })
    .states('c1', 'server', 'kernel', [
      [500.2, 'LAST_ACK'],
      [500.5, 'CLOSED'],
    ])
    .syscall(100, 500.1, 'close', { fd: 4, socket: serverSocket });
}

describe('what the lab’s stop of a program caused is not graded as the program’s doing', () => {
  it('does not credit a server that never closed with the close the lab’s SIGTERM caused', () => {
    const report = grade(spec, [killedAt500(clientHalfClosed()).build()]);
    const closePath = checkById(report, 'server-close-path');
    expect(closePath.status).toBe('fail');
    expect(closePath.message).toContain(
      '2. Observed: it went SYN_RECEIVED (t=1.1 ms) → ESTABLISHED (t=1.3 ms) → CLOSE_WAIT (t=30.1 ms), ' +
        'then nothing until the lab stopped the program at t=500.0 ms',
    );
    expect(closePath.message).toContain('The socket stays in CLOSE_WAIT until your program closes it');
    expect(checkById(report, 'server-fin').status).toBe('fail');
    expect(checkById(report, 'close-called').status).toBe('fail');
    expect(checkById(report, 'exit-timing').status).toBe('fail');
  });

  it('still credits a server that closed by itself before the lab stopped it', () => {
    const evidence = killedAt500(
      clientHalfClosed()
        .packet('c1', 'server', 31.0, 'F.', { seq: 19 })
        .packet('c1', 'client', 31.2, '.', { seq: 8, ack: 20 })
        .states('c1', 'server', 'kernel', [
          [31.0, 'LAST_ACK'],
          [31.3, 'CLOSED'],
        ])
        .syscall(100, 30.9, 'close', { fd: 4, socket: serverSocket }),
    ).build();
    const report = grade(spec, [evidence]);
    expect(checkById(report, 'server-close-path').status).toBe('pass');
    expect(checkById(report, 'server-fin').message).toBe('1 matching segment during the run.');
    expect(checkById(report, 'close-called').message).toContain('1 close() call');
  });

  it('counts the exit of a program that ended on its own', () => {
    const evidence = clientHalfClosed().run('server', 100, { exitedAtMs: 40, exitCode: 0 }).build();
    expect(checkById(grade(spec, [evidence]), 'exit-timing').status).toBe('pass');
  });

  it('keeps the whole recording in the evidence (trace.json) and the aftermath out of the view', () => {
    const evidence = killedAt500(clientHalfClosed()).build();
    const view = programView(evidence, ['server']);
    expect(view.packets.map((packet) => packet.t / 1e6)).toEqual([1.0, 1.1, 1.2, 30.0]);
    expect(view.connections[0].endpoints[1].states.map((step) => step.state)).toEqual([
      'SYN_RECEIVED',
      'ESTABLISHED',
      'CLOSE_WAIT',
    ]);
    expect(view.syscalls).toEqual([]);
    grade(spec, [evidence]);
    expect(evidence.trace.packets).toHaveLength(6);
    expect(evidence.trace.connections[0].endpoints[1].states).toHaveLength(5);
    expect(evidence.trace.syscalls).toHaveLength(1);
  });

  it('after a restart, cuts only the stopped run: the new run’s sockets and calls are its own', () => {
    const evidence = new ScenarioBuilder('three-chunks', hosts)
      .run('server', 100, { stoppedByLabAtMs: 100, exitedAtMs: 101 })
      .run('server', 200, { startedAtMs: 150 })
      .connection('c1', { host: 'client', port: 40000 }, { host: 'server' })
      .states('c1', 'server', 'kernel', [
        [10, 'ESTABLISHED'],
        [100.5, 'FIN_WAIT_1'],
      ])
      .packet('c1', 'server', 100.4, 'F.')
      .connection('c2', { host: 'client', port: 40001 }, { host: 'server' })
      .states('c2', 'server', 'kernel', [
        [160, 'SYN_RECEIVED'],
        [161, 'ESTABLISHED'],
        [170, 'FIN_WAIT_1'],
      ])
      .packet('c2', 'server', 169.9, 'F.')
      .syscall(100, 100.2, 'close', { fd: 4 })
      .syscall(200, 169.8, 'close', { fd: 4 })
      .build();
    const view = programView(evidence, ['server']);
    const statesOf = (index: number) =>
      view.connections[index].endpoints[1].states.map((observation) => observation.state);
    expect(statesOf(0)).toEqual(['ESTABLISHED']);
    expect(statesOf(1)).toEqual(['SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1']);
    expect(view.packets.map((packet) => packet.connectionId)).toEqual(['c2']);
    expect(view.syscalls.map((call) => call.pid)).toEqual([200]);
  });

  it('leaves out a connection that began after the lab’s stop (the kernel refusing a late SYN)', () => {
    const evidence = clientHalfClosed()
      .run('server', 100, { stoppedByLabAtMs: 500 })
      .connection('late', { host: 'client', port: 40002 }, { host: 'server' })
      .states('late', 'server', 'inferred', [[600, 'CLOSED']])
      .packet('late', 'server', 600, 'R.')
      .build();
    const view = programView(evidence, ['server']);
    expect(view.connections[1].endpoints[1].states).toEqual([]);
    expect(view.packets.some((packet) => packet.connectionId === 'late')).toBe(false);
  });

  it('returns the recorded trace itself when no run was stopped by the lab', () => {
    const evidence = clientHalfClosed().run('server', 100, { exitedAtMs: 40, exitCode: 0 }).build();
    expect(programView(evidence, ['server'])).toBe(evidence.trace);
  });
});
