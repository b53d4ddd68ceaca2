import { grade } from '../grade';
import { checkById } from '../testing/check-by-id';
import { testSpec } from '../testing/exercise-spec';
import { ScenarioBuilder } from '../testing/scenario-builder';

const hosts = { client: { address: '10.0.0.2', learner: true }, server: { address: '10.0.0.3' } };

const spec = testSpec({
  learner: 'client',
  scenarios: ['closed-port'],
  steps: `      - start: { host: client }\n      - waitExit: { host: client }`,
  checks: `
  - id: pings
    title: Three PING datagrams
    points: 10
    explanation: One datagram per try.
    packets:
      match: { protocol: udp, direction: learner-to-peer, data: PING }
      count: { min: 3, max: 3 }
  - id: port-unreachable
    title: The closed port answers ICMP port unreachable
    points: 10
    explanation: RFC 1122 3.2.2.1.
    packets:
      match: { protocol: icmp, icmp: port-unreachable, direction: peer-to-learner }
      count: { min: 1 }
  - id: no-tcp
    title: Not a single TCP segment
    points: 10
    explanation: The client uses UDP.
    packets:
      match: { direction: learner-to-peer }
      none: true
  - id: payloads
    title: Every datagram says PING
    points: 10
    explanation: The payload is the message.
    packets:
      match: { protocol: udp, direction: learner-to-peer }
      payload: { equals: PINGPINGPING }
  - id: reported-in-time
    title: UNREACHABLE within 1 s of the first PING
    points: 10
    explanation: A connected socket learns of the ICMP error at once.
    timing:
      from: { packet: { protocol: udp, direction: learner-to-peer } }
      to: { process: { host: client, printed: '^UNREACHABLE$' } }
      max: 1000`,
});

function closedPort(payloads: string[], printedAtMs: number | null): ScenarioBuilder {
  const builder = new ScenarioBuilder('closed-port', hosts).run('client', 7, {
    startedAtMs: 0,
    exitedAtMs: 3500,
    exitCode: printedAtMs === null ? 3 : 2,
    stdout: printedAtMs === null ? 'TIMEOUT\n' : 'UNREACHABLE\n',
  });
  payloads.forEach((payload, i) => {
    builder.udp('client', 'server', 100 + i * 1000, payload).icmp('server', 'client', 101 + i * 1000, 3, 3);
  });
  if (printedAtMs !== null) {
    builder.syscall(7, printedAtMs, 'write', { fd: 1, ret: '12', args: '1, "UNREACHABLE\\n", 12' });
  }
  return builder;
}

describe('packets and timing over UDP datagrams and ICMP messages', () => {
  it('counts datagrams by exact text and ICMP messages by kind, and never mistakes them for TCP segments', () => {
    const report = grade(spec, [closedPort(['PING', 'PING', 'PING'], 150).build()]);
    expect(checkById(report, 'pings')).toMatchObject({
      status: 'pass',
      message: '3 matching datagrams during the run.',
    });
    expect(checkById(report, 'port-unreachable')).toMatchObject({
      status: 'pass',
      evidence: [
        { kind: 'packet', index: 1 },
        { kind: 'packet', index: 3 },
        { kind: 'packet', index: 5 },
      ],
    });
    expect(checkById(report, 'no-tcp').status).toBe('pass');
    expect(checkById(report, 'payloads')).toMatchObject({ status: 'pass' });
    expect(checkById(report, 'reported-in-time')).toMatchObject({ status: 'pass' });
  });

  it('fails with the datagrams it saw, each described with its bytes', () => {
    const report = grade(spec, [closedPort(['PING\n', 'PING', 'PING', 'PING', 'PING'], null).build()]);
    const pings = checkById(report, 'pings');
    expect(pings.status).toBe('fail');
    expect(pings.message).toContain('exactly 3 UDP datagrams carrying exactly "PING" from your program');
    expect(pings.message).toContain('(UDP, 4 bytes "PING", 10.0.0.2:40000 → 10.0.0.3:8080, t=');
    expect(checkById(report, 'payloads')).toMatchObject({ status: 'fail' });
    expect(checkById(report, 'payloads').message).toContain(
      '2. Observed: 5 datagrams: "PING\\n", "PING", "PING", "PING", "PING".',
    );
    expect(checkById(report, 'reported-in-time').status).toBe('fail');
  });

  it('does not match ICMP messages of another kind, nor datagrams of the peer', () => {
    const report = grade(spec, [
      new ScenarioBuilder('closed-port', hosts)
        .run('client', 7, { exitedAtMs: 10, exitCode: 3 })
        .udp('server', 'client', 5, 'PING', { fromPort: 8080, toPort: 40000 })
        .icmp('server', 'client', 6, 3, 1)
        .build(),
    ]);
    expect(checkById(report, 'pings').message).toContain('none');
    const unreachable = checkById(report, 'port-unreachable');
    expect(unreachable.status).toBe('fail');
    expect(unreachable.message).toContain('at least 1 ICMP port unreachable messages to your program');
  });
});
