import { grade } from '../grade';
import { testSpec } from '../testing/exercise-spec';
import { ScenarioBuilder } from '../testing/scenario-builder';

const hosts = { server: { address: '10.0.0.2', learner: true }, client: { address: '10.0.0.3' } };

describe('listening before the first SYN (listener from listen(), timeline events)', () => {
  const spec = testSpec({
    learner: 'server',
    scenarios: ['greet'],
    checks: `
  - id: listening-first
    title: Listening before the first SYN
    points: 10
    explanation: A server must listen() before clients connect.
    timing:
      from: { state: { host: server, role: listener, port: '{port}', reach: LISTEN } }
      to: { packet: { direction: peer-to-learner, flags: S } }
      min: 0`,
  });

  const IPV4_BIND = '3, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("0.0.0.0")}, 16';
  const run = (listenAtMs: number, bindArgs = IPV4_BIND) =>
    new ScenarioBuilder('greet', hosts)
      .run('server', 100)
      .syscall(100, 1, 'socket', { ret: '3' })
      .syscall(100, 2, 'bind', { fd: 3, args: bindArgs })
      .syscall(100, listenAtMs, 'listen', { fd: 3, args: '3, 5' })
      .connection('c1', { host: 'client', port: 40000 }, { host: 'server' })
      .packet('c1', 'client', 20, 'S', { ack: null })
      .build();

  it('passes when listen() returned before the SYN arrived', () => {
    const check = grade(spec, [run(3)]).scenarios[0].checks[0];
    expect(check.status).toBe('pass');
    expect(check.evidence[0]).toMatchObject({
      kind: 'state',
      connectionId: 'listen:100:3',
      endpoint: '10.0.0.2:8080',
      state: 'LISTEN',
    });
  });

  it('finds the port of a dual-stack listener bound with an AF_INET6 address (as Java binds)', () => {
    const javaBind =
      '3, {sa_family=AF_INET6, sin6_port=htons(8080), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::", &sin6_addr), sin6_scope_id=0}, 28';
    const check = grade(spec, [run(3, javaBind)]).scenarios[0].checks[0];
    expect(check.status).toBe('pass');
    expect(check.evidence[0]).toMatchObject({ endpoint: '10.0.0.2:8080', state: 'LISTEN' });
  });

  it('fails when the SYN came first', () => {
    const check = grade(spec, [run(25)]).scenarios[0].checks[0];
    expect(check.status).toBe('fail');
    expect(check.message).toContain('— the second event came before the first');
  });
});
