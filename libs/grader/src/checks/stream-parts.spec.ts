/** stream checks over the connections of a repeat (`c{i}`) and with generated-pattern parts. */
import { grade } from '../grade';
import { checkById } from '../testing/check-by-id';
import { testSpec } from '../testing/exercise-spec';
import { ScenarioBuilder } from '../testing/scenario-builder';

const serverHosts = { server: { address: '10.0.0.2', learner: true }, client: { address: '10.0.0.3' } };

describe('stream over every connection of a repeat (busy-listener)', () => {
  const spec = testSpec({
    learner: 'server',
    scenarios: ['burst'],
    steps: `      - repeat:
          count: 3
          concurrently: true
          steps:
            - connect: { peer: client, to: server, as: 'c{i}' }
            - send: { conn: 'c{i}', data: "line {i}\\n" }
            - readToEof: { conn: 'c{i}' }`,
    checks: `
  - id: all-served
    title: Every client gets its line back reversed
    points: 30
    explanation: One reply per connection.
    stream: { conn: 'c{i}', equals: ["{i} enil\\n"] }`,
  });
  const served = (replies: Array<string | null>) => {
    const builder = new ScenarioBuilder('burst', serverHosts).run('server', 1);
    replies.forEach((reply, i) => {
      if (reply !== null) builder.stream(`c${i}`, { sent: `line ${i}\n`, received: reply });
    });
    return builder;
  };

  it('passes when each iteration’s connection received its own expected bytes', () => {
    const check = checkById(
      grade(spec, [served(['0 enil\n', '1 enil\n', '2 enil\n']).build()]),
      'all-served',
    );
    expect(check.status).toBe('pass');
    expect(check.message).toBe('Each of the 3 connections "c{i}" (c0 … c2) received the expected bytes.');
  });

  it('fails naming the connections that did not, with the first one’s difference', () => {
    const check = checkById(
      grade(spec, [served(['0 enil\n', '0 enil\n', '2 enil\n']).build()]),
      'all-served',
    );
    expect(check.status).toBe('fail');
    expect(check.message).toBe(
      [
        '1. Expected: each of the 3 connections "c{i}" (c0 … c2) to receive the expected bytes, e.g. the bytes connection "c1" received to be exactly "1 enil\\n".',
        '2. Observed: 1 of 3 did not (c1); on "c1": it received "0 enil\\n", which differs from what was expected at byte 0.',
      ].join('\n'),
    );
  });

  it('fails for iterations whose connection was never opened because its step failed', () => {
    const evidence = served(['0 enil\n', null, null])
      .step({
        tStartMs: 0,
        tEndMs: 2500,
        status: 'timeout',
        action: 'connect by client',
        message: 'no SYN-ACK',
      })
      .build();
    const check = checkById(grade(spec, [evidence]), 'all-served');
    expect(check.status).toBe('fail');
    expect(check.message).toContain(
      '2. Observed: 2 of 3 did not (c1, c2); on "c1": the connection was never opened',
    );
  });
});

describe('stream parts of a generated pattern (event-loop-server)', () => {
  const spec = testSpec({
    learner: 'server',
    scenarios: ['fast'],
    checks: `
  - id: reply-complete
    title: The reply is 30 bytes of the alphabet
    points: 10
    explanation: SIZE 30 asks for 30 bytes.
    stream: { conn: c1, equals: [{ bytes: 30, pattern: alphabet }] }`,
  });
  const replying = (received: string) =>
    new ScenarioBuilder('fast', serverHosts)
      .run('server', 1)
      .stream('c1', { sent: 'SIZE 30\n', received })
      .build();

  it('passes the exact pattern', () => {
    expect(
      checkById(grade(spec, [replying('abcdefghijklmnopqrstuvwxyzabcd')]), 'reply-complete').status,
    ).toBe('pass');
  });

  it('describes the pattern when the bytes differ', () => {
    const check = checkById(grade(spec, [replying('abcdefghijklmnopqrstuvwxyzABCD')]), 'reply-complete');
    expect(check.message).toContain(
      '1. Expected: the bytes connection "c1" received to be exactly 30 bytes of the alphabet pattern (30 bytes).',
    );
    expect(check.message).toContain(
      '2. Observed: it received "abcdefghijklmnopqrstuvwxyzABCD", which differs from what was expected at byte 26.',
    );
  });

  it('quotes a long stream around its first difference, not whole', () => {
    const received = `abcdefghijklmnopqrstuvwxyzABCD${'x'.repeat(40)}`;
    const check = checkById(grade(spec, [replying(received)]), 'reply-complete');
    expect(check.message).toContain('2. Observed: the bytes differ at byte 26 of 70');
    expect(check.message).toContain('3. Look at: what came before: "');
  });
});

describe('stream with a host’s address (greeting-server)', () => {
  const spec = testSpec({
    learner: 'server',
    scenarios: ['three-clients'],
    checks: `
  - id: greeting-exact
    title: The greeting names the client
    points: 20
    explanation: The server says whom it sees.
    stream: { conn: c1, equals: ["HELLO ", { address: client }, " 40001\\n"] }`,
  });
  const greeted = (text: string) =>
    new ScenarioBuilder('three-clients', serverHosts)
      .run('server', 1)
      .stream('c1', { received: text })
      .build();

  it('passes when the text names the address the lab gave the host in this run', () => {
    expect(checkById(grade(spec, [greeted('HELLO 10.0.0.3 40001\n')]), 'greeting-exact').status).toBe('pass');
  });

  it('fails a greeting with the port in network byte order, quoting the expected text', () => {
    const check = checkById(grade(spec, [greeted('HELLO 10.0.0.3 16796\n')]), 'greeting-exact');
    expect(check.status).toBe('fail');
    expect(check.message).toContain(
      '1. Expected: the bytes connection "c1" received to be exactly "HELLO 10.0.0.3 40001\\n".',
    );
  });
});
