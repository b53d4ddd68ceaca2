import { grade } from '../grade';
import { checkById } from '../testing/check-by-id';
import { testSpec } from '../testing/exercise-spec';
import { ScenarioBuilder } from '../testing/scenario-builder';

const hosts = { server: { address: '10.0.0.2', learner: true }, client: { address: '10.0.0.3' } };

const spec = testSpec({
  learner: 'server',
  scenarios: ['greet'],
  checks: `
  - id: server-closes-first
    title: The server's FIN precedes the client's
    points: 10
    explanation: The server closes each connection after its greeting.
    packets:
      order:
        first: { direction: learner-to-peer, flags: F }
        then: { direction: peer-to-learner, flags: F }
  - id: no-reset
    title: No RST from the server
    points: 10
    explanation: close() with unread data sends RST.
    packets:
      match: { direction: learner-to-peer, flags: R }
      none: true
  - id: data-after-fin
    title: The server keeps sending after the client's FIN
    points: 10
    explanation: shutdown(SHUT_WR) closes only one direction.
    packets:
      match: { direction: learner-to-peer, payloadBytes: { min: 1 } }
      count: { min: 1 }
      within:
        from: { packet: { direction: peer-to-learner, flags: F } }
        to: { scenario: end }`,
});

function greeting(): ScenarioBuilder {
  return new ScenarioBuilder('greet', hosts)
    .run('server', 100)
    .connection('c1', { host: 'client', port: 40000 }, { host: 'server' })
    .packet('c1', 'client', 1.0, 'S', { ack: null })
    .packet('c1', 'server', 1.1, 'S.')
    .packet('c1', 'client', 1.2, '.');
}

describe('packets', () => {
  it('passes a server that greets, then closes first', () => {
    const report = grade(spec, [
      greeting()
        .packet('c1', 'server', 2.0, 'P.', { seq: 1, len: 26 })
        .packet('c1', 'server', 2.1, 'F.', { seq: 27 })
        .packet('c1', 'client', 2.5, 'F.', { seq: 1, ack: 28 })
        .build(),
    ]);
    expect(checkById(report, 'server-closes-first')).toMatchObject({
      status: 'pass',
      message: 'The FIN segment from your program came first on 1 connection.',
    });
    expect(checkById(report, 'no-reset').status).toBe('pass');
  });

  it('fails when the client had to close first, naming its FIN', () => {
    const report = grade(spec, [
      greeting()
        .packet('c1', 'server', 2.0, 'P.', { seq: 1, len: 26 })
        .packet('c1', 'client', 900, 'F.', { seq: 1 })
        .build(),
    ]);
    const check = checkById(report, 'server-closes-first');
    expect(check.status).toBe('fail');
    expect(check.message).toContain(
      '2. Observed: on connection c1, no FIN segment from your program was seen; the FIN segment to your program came: packet #4 (FIN+ACK, 10.0.0.3:40000 → 10.0.0.2:8080, t=900.0 ms).',
    );
  });

  it('does not pass order when nobody ever sends the first segment', () => {
    const check = checkById(grade(spec, [greeting().build()]), 'server-closes-first');
    expect(check.status).toBe('fail');
    expect(check.message).toContain('no FIN segment from your program on any connection');
  });

  it('counts an RST from the server against none: true and lists it', () => {
    const check = checkById(
      grade(spec, [greeting().packet('c1', 'server', 3.0, 'R.', { seq: 27 }).build()]),
      'no-reset',
    );
    expect(check.status).toBe('fail');
    expect(check.message).toBe(
      [
        '1. Expected: no RST segments from your program during the run.',
        '2. Observed: 1: packets #3.',
        '3. Look at: packet #3 (RST+ACK, 10.0.0.2:8080 → 10.0.0.3:40000, t=3.0 ms).',
      ].join('\n'),
    );
    expect(check.evidence).toEqual([{ kind: 'packet', index: 3, t: 3_000_000 }]);
  });

  it('counts data only inside the window that opens at the client FIN', () => {
    const before = grade(spec, [
      greeting()
        .packet('c1', 'server', 2.0, 'P.', { seq: 1, len: 26 })
        .packet('c1', 'client', 5.0, 'F.', { seq: 1 })
        .build(),
    ]);
    const data = checkById(before, 'data-after-fin');
    expect(data.status).toBe('fail');
    expect(data.message).toContain(
      '1. Expected: at least 1 segments carrying data from your program between the first FIN segment to your program (t=5.0 ms) and the end of the scenario (t=5.0 ms).',
    );
    const after = grade(spec, [
      greeting()
        .packet('c1', 'client', 5.0, 'F.', { seq: 1 })
        .packet('c1', 'server', 6.0, 'P.', { seq: 1, len: 12 })
        .build(),
    ]);
    expect(checkById(after, 'data-after-fin').status).toBe('pass');
  });

  it('says the window never opened when the client never sent FIN', () => {
    const check = checkById(
      grade(spec, [greeting().packet('c1', 'server', 2.0, 'P.', { seq: 1, len: 26 }).build()]),
      'data-after-fin',
    );
    expect(check.message).toContain(
      '2. Observed: the first FIN segment to your program never happened, so no segment could count.',
    );
  });

  it('counts each transmission once when the switch reported it entering and leaving', () => {
    const check = checkById(
      grade(spec, [
        greeting()
          .packet('c1', 'server', 3.0, 'R.', { seq: 27, alsoOut: true })
          .packet('c1', 'server', 3.5, 'R.', { seq: 27, alsoOut: true })
          .build(),
      ]),
      'no-reset',
    );
    expect(check.message).toContain('2. Observed: 2: packets #3, #5.');
  });

  it('is an error when the capture was not recorded', () => {
    const report = grade(spec, [greeting().source('capture', 'unavailable', 'pcap writer failed').build()]);
    expect(checkById(report, 'no-reset').status).toBe('error');
    expect(checkById(report, 'no-reset').message).toContain(
      'the packet capture was not recorded (pcap writer failed)',
    );
    expect(report.gradable).toBe(false);
  });
});

describe('packets payload', () => {
  const payloadSpec = (match: string) =>
    testSpec({
      learner: 'server',
      scenarios: ['greet'],
      checks: `
  - id: greeting-bytes
    title: The greeting is exact
    points: 10
    explanation: One line, ending in a newline.
    packets:
      match: ${match}
      payload: { equals: "HELLO 10.0.0.3 40000\\n" }`,
    });

  it('reads the bytes of a whole direction from the single peer connection', () => {
    const evidence = greeting().stream('c1', { received: 'HELLO 10.0.0.3 40000\n' }).build();
    expect(
      grade(payloadSpec('{ direction: learner-to-peer }'), [evidence]).scenarios[0].checks[0].status,
    ).toBe('pass');
    const wrong = greeting().stream('c1', { received: 'HELLO 10.0.0.3 16540\n' }).build();
    expect(
      grade(payloadSpec('{ direction: learner-to-peer }'), [wrong]).scenarios[0].checks[0].message,
    ).toContain('2. Observed: "HELLO 10.0.0.3 16540\\n".');
  });

  it('reports a pattern narrower than a byte stream as not evaluable', () => {
    const evidence = greeting().stream('c1', { received: 'HELLO 10.0.0.3 40000\n' }).build();
    const check = grade(payloadSpec('{ direction: learner-to-peer, payloadBytes: { max: 10 } }'), [evidence])
      .scenarios[0].checks[0];
    expect(check.status).toBe('error');
    expect(check.message).toContain('the trace records the size of each segment but not its bytes');
  });
});
