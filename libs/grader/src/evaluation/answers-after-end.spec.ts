import { grade } from '../grade';
import { checkById } from '../testing/check-by-id';
import { testSpec } from '../testing/exercise-spec';
import { ScenarioBuilder } from '../testing/scenario-builder';

const hosts = { server: { address: '10.0.0.2', learner: true }, client: { address: '10.0.0.3' } };

const spec = testSpec({
  learner: 'server',
  scenarios: ['echo'],
  checks: `
  - id: no-reset
    title: No RST from the server
    points: 10
    explanation: close() with unread data sends RST.
    packets:
      match: { direction: learner-to-peer, flags: R, answersAfterEnd: false }
      none: true
  - id: late-answers
    title: The server's kernel answers a segment that came after the end
    points: 10
    explanation: A segment for a connection that no longer exists draws RST.
    packets:
      match: { direction: learner-to-peer, flags: R, answersAfterEnd: true }
      count: { min: 1 }
  - id: any-reset
    title: No RST at all
    points: 10
    explanation: Every RST counts here.
    packets:
      match: { direction: learner-to-peer, flags: R }
      none: true`,
});

/**
 * The client's segments are recorded as they leave toward the server (the lab's peers have
 * no link of their own); the server's as they reach the switch. The client sends "hello\n"
 * (seq 1–6) and its FIN (seq 7); the server echoes it.
 */
function echoedThenHalfClosed(): ScenarioBuilder {
  return new ScenarioBuilder('echo', hosts)
    .run('server', 100)
    .connection('c1', { host: 'client', port: 40000 }, { host: 'server' })
    .packet('c1', 'client', 1.0, 'S', { ack: null, onlyOut: true })
    .packet('c1', 'server', 1.1, 'S.', { ack: 1 })
    .packet('c1', 'client', 1.2, '.', { seq: 1, ack: 1, onlyOut: true })
    .packet('c1', 'client', 2.0, 'P.', { seq: 1, ack: 1, len: 6, onlyOut: true })
    .packet('c1', 'server', 2.1, 'P.', { seq: 1, ack: 7, len: 6 });
}

/** The server reads the FIN, sends "BYTES 6\n" (seq 7–18) and its FIN (seq 19); the client acknowledges it. */
function closedInOrder(): ScenarioBuilder {
  return echoedThenHalfClosed()
    .packet('c1', 'client', 3.0, 'F.', { seq: 7, ack: 7, onlyOut: true })
    .packet('c1', 'server', 3.1, 'P.', { seq: 7, ack: 8, len: 12 })
    .packet('c1', 'server', 3.2, 'F.', { seq: 19, ack: 8 })
    .packet('c1', 'client', 3.3, '.', { seq: 8, ack: 20, onlyOut: true });
}

describe('answersAfterEnd: RSTs that answer a segment arriving after the connection ended', () => {
  // The shape of a graded run on a loaded machine (three-chunks of half-close-echo): the
  // server's tail-loss probe (summary + FIN again) left its kernel before the client's ACK of
  // the FIN came in, but reached the switch after it; the client, in TIME-WAIT, acknowledged
  // it again, and that ACK met the server's LISTEN socket.
  function lateProbeAnswered(): ScenarioBuilder {
    return closedInOrder()
      .packet('c1', 'server', 3.4, 'FP.', { seq: 7, ack: 8, len: 12 })
      .packet('c1', 'client', 3.5, '.', { seq: 8, ack: 20, onlyOut: true })
      .packet('c1', 'server', 3.6, 'R', { seq: 20, ack: null });
  }

  it('does not count the LISTEN socket’s answer to an ACK that came after the end, and says so', () => {
    const report = grade(spec, [lateProbeAnswered().build()]);
    expect(checkById(report, 'no-reset')).toMatchObject({
      status: 'pass',
      message:
        'No RST segments from your program (not counting answers to segments that arrived after the connection had ended) during the run. ' +
        "Not counted: packet #11, the kernel's answer to a segment that arrived after the connection had ended.",
      evidence: [expect.objectContaining({ kind: 'packet', index: 11 })],
    });
    expect(checkById(report, 'late-answers').status).toBe('pass');
    // Without answersAfterEnd every RST on the wire counts, as before.
    expect(checkById(report, 'any-reset').status).toBe('fail');
  });

  it('counts the RST of close() with unread data (RST,ACK without any FIN)', () => {
    const report = grade(spec, [
      echoedThenHalfClosed()
        .packet('c1', 'client', 2.5, 'P.', { seq: 7, ack: 7, len: 100, onlyOut: true })
        .packet('c1', 'server', 2.6, 'R.', { seq: 7, ack: 107 })
        .build(),
    ]);
    const check = checkById(report, 'no-reset');
    expect(check.status).toBe('fail');
    expect(check.message).toContain('2. Observed: 1: packets #6.');
    expect(checkById(report, 'late-answers').status).toBe('fail');
  });

  it('counts the RST for data reaching a socket closed before the client’s FIN (its FIN acknowledged, the other not)', () => {
    const report = grade(spec, [
      echoedThenHalfClosed()
        .packet('c1', 'server', 2.2, 'F.', { seq: 7, ack: 7 })
        .packet('c1', 'client', 2.3, '.', { seq: 7, ack: 8, onlyOut: true })
        .packet('c1', 'client', 2.4, 'P.', { seq: 7, ack: 8, len: 100, onlyOut: true })
        .packet('c1', 'server', 2.5, 'R', { seq: 8, ack: null })
        .packet('c1', 'client', 2.6, 'F.', { seq: 107, ack: 8, onlyOut: true })
        .packet('c1', 'server', 2.7, 'R', { seq: 8, ack: null })
        .build(),
    ]);
    expect(checkById(report, 'no-reset').status).toBe('fail');
    expect(checkById(report, 'no-reset').message).toContain('2. Observed: 2: packets #8, #10.');
  });

  it('counts an RST after the end whose numbers answer none of the segments that came after it', () => {
    const report = grade(spec, [
      closedInOrder()
        .packet('c1', 'client', 3.5, '.', { seq: 8, ack: 20, onlyOut: true })
        .packet('c1', 'server', 3.6, 'R', { seq: 21, ack: null })
        .build(),
    ]);
    expect(checkById(report, 'no-reset').status).toBe('fail');
  });

  it('counts an RST after the end when the segment it would answer was dropped on the way', () => {
    const report = grade(spec, [
      closedInOrder()
        .packet('c1', 'client', 3.5, '.', { seq: 8, ack: 20, onlyOut: true, dropped: true })
        .packet('c1', 'server', 3.6, 'R', { seq: 20, ack: null })
        .build(),
    ]);
    expect(checkById(report, 'no-reset').status).toBe('fail');
  });

  it('needs the server to have acknowledged the client’s FIN before the late segment arrived', () => {
    // The server's FIN is acknowledged, but its ACK of the client's FIN is recorded only after
    // the client's next segment came in: nothing proves the connection had ended for it then.
    const report = grade(spec, [
      echoedThenHalfClosed()
        .packet('c1', 'server', 2.2, 'F.', { seq: 7, ack: 7 })
        .packet('c1', 'client', 2.3, 'F.', { seq: 7, ack: 8, onlyOut: true })
        .packet('c1', 'client', 2.4, '.', { seq: 8, ack: 8, onlyOut: true })
        .packet('c1', 'server', 2.5, '.', { seq: 8, ack: 8 })
        .packet('c1', 'server', 2.6, 'R', { seq: 8, ack: null })
        .build(),
    ]);
    expect(checkById(report, 'no-reset').status).toBe('fail');
  });

  it('a SYN that opens the same four-tuple again starts afresh: the RST refusing it counts', () => {
    const report = grade(spec, [
      closedInOrder()
        .packet('c1', 'client', 5.0, 'S', { seq: 0, ack: null, onlyOut: true })
        .packet('c1', 'server', 5.1, 'R.', { seq: 0, ack: 1 })
        .build(),
    ]);
    expect(checkById(report, 'no-reset').status).toBe('fail');
    expect(checkById(report, 'late-answers').status).toBe('fail');
  });

  it('also knows the answer to a segment without ACK (RST,ACK acknowledging it)', () => {
    // A stray segment without ACK after the end — here a bare FIN — is answered with
    // <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK> (RFC 9293 §3.10.7.1); the FIN counts one.
    const report = grade(spec, [
      closedInOrder()
        .packet('c1', 'client', 3.5, 'F', { seq: 7, ack: null, onlyOut: true })
        .packet('c1', 'server', 3.6, 'R.', { seq: 0, ack: 8 })
        .build(),
    ]);
    expect(checkById(report, 'no-reset').status).toBe('pass');
  });
});
