import { grade } from '../grade';
import { checkById } from '../testing/check-by-id';
import { testSpec } from '../testing/exercise-spec';
import { ScenarioBuilder } from '../testing/scenario-builder';

const hosts = { server: { address: '10.0.0.2', learner: true }, client: { address: '10.0.0.3' } };
const server = { addr: '10.0.0.2', port: 8080 };
const first = { addr: '10.0.0.3', port: 40000 };
const second = { addr: '10.0.0.3', port: 40001 };

const spec = testSpec({
  learner: 'server',
  scenarios: ['two-clients'],
  checks: `
  - id: writes-stop
    title: Writes to a reset connection stop within 200 ms
    points: 10
    explanation: After the peer's RST, the connection is gone; stop writing to it.
    syscall:
      host: server
      name: write
      afterSegment: { match: { direction: peer-to-learner, flags: R }, graceMs: 200 }
      count: { max: 0 }`,
});

/** Two clients; the first resets its connection at t=100 ms, the second never does. */
function twoClients(): ScenarioBuilder {
  return new ScenarioBuilder('two-clients', hosts)
    .run('server', 7)
    .connection('c1', { host: 'client', port: first.port }, { host: 'server' })
    .connection('c2', { host: 'client', port: second.port }, { host: 'server' })
    .packet('c1', 'client', 100, 'R.');
}

const write = (ms: number, remote: typeof first, errno?: string) =>
  [
    7,
    ms,
    'sendto',
    {
      fd: remote === first ? 4 : 5,
      socket: { protocol: 'TCP', local: server, remote },
      ...(errno ? { errno } : { ret: '7' }),
    },
  ] as const;

describe('syscall checks with afterSegment', () => {
  it('passes a server whose one failing write came soon after the reset, whatever it wrote elsewhere', () => {
    const evidence = twoClients()
      .syscall(...write(50, first))
      .syscall(...write(150, first, 'EPIPE'))
      .syscall(...write(900, second))
      .build();
    expect(checkById(grade(spec, [evidence]), 'writes-stop')).toMatchObject({
      status: 'pass',
      message:
        '0 write() calls on a connection more than 200 ms after its first RST segment to your program.',
    });
  });

  it('fails a server that kept writing to the reset connection, listing the late calls', () => {
    const builder = twoClients().syscall(...write(150, first, 'EPIPE'));
    for (let ms = 200; ms <= 500; ms += 50) builder.syscall(...write(ms, first, 'EPIPE'));
    const check = checkById(grade(spec, [builder.build()]), 'writes-stop');
    expect(check.status).toBe('fail');
    expect(check.message).toBe(
      [
        '1. Expected: no write() call by the server program on a connection more than 200 ms after its first RST segment to your program.',
        '2. Observed: 4: sendto(4) = -1 EPIPE at t=350.0 ms; sendto(4) = -1 EPIPE at t=400.0 ms; sendto(4) = -1 EPIPE at t=450.0 ms and 1 more.',
      ].join('\n'),
    );
    expect(check.evidence).toHaveLength(4);
  });

  it('leaves out calls on sockets strace never showed connected', () => {
    const evidence = twoClients()
      .syscall(7, 600, 'write', { fd: 4, errno: 'EPIPE', socket: { protocol: 'TCP', inode: 67504 } })
      .build();
    expect(checkById(grade(spec, [evidence]), 'writes-stop').status).toBe('pass');
  });
});
