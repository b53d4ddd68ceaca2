import type { LeafAction } from '@socklab/exercise';
import { LiveDriver, ScriptedPeer, formatIpv4, type UdpErrorEvent, type UdpMessage } from '@socklab/netstack';
import { backToBack } from '../network/__fixtures__/back-to-back';
import { ChangeBus } from './change-bus';
import type { StepContext } from './step-context';
import { performUdp } from './udp-actions';
import type { UdpSocketRecord } from './udp-socket-record';

const PORT = 7000;
type UdpAction = Extract<LeafAction, { kind: 'udpBind' | 'udpReceive' | 'udpSend' | 'udpClose' }>;

/** A learner-side netstack host (h1) and a scripted peer "server" (h2), with what h1's socket receives. */
function lab() {
  const driver = new LiveDriver();
  const [learner, server] = backToBack(() => undefined);
  const peer = new ScriptedPeer(server, driver);
  const bus = new ChangeBus();
  const ctx = {
    port: PORT,
    peer: (name: string) => (name === 'server' ? peer : undefined),
    addressOf: (host: string) => (host === 'server' ? formatIpv4(server.addr) : undefined),
    udpSockets: new Map<string, UdpSocketRecord>(),
    bus,
    stop: new Promise<never>(() => undefined),
  } as unknown as StepContext;
  const socket = learner.udpBind(40000);
  const received: string[] = [];
  const errors: UdpErrorEvent['code'][] = [];
  socket.onMessage((message: UdpMessage) => received.push(Buffer.from(message.data).toString()));
  socket.onError((error) => errors.push(error.code));
  const send = (text: string) => {
    socket.sendTo(0, { addr: server.addr, port: PORT }, text);
    bus.notify();
  };
  const run = (action: UdpAction, budgetMs = 1000) => performUdp(action, ctx, budgetMs);
  return { driver, socket, server, received, errors, send, run };
}

describe('UDP steps on a scripted peer', () => {
  let current: ReturnType<typeof lab>;
  afterEach(() => current.driver.stop());

  it('a socket bound with a fixed answer replies to each datagram, and udpReceive takes them in order', async () => {
    const { run, send, received } = (current = lab());
    await run({ kind: 'udpBind', peer: 'server', port: '{port}', as: 'u1', answer: { data: 'PONG' } });
    const first = run({ kind: 'udpReceive', socket: 'u1', expect: 'PING' });
    send('PING');
    send('again');
    await first;
    await expect(run({ kind: 'udpReceive', socket: 'u1', matches: '^ag' })).resolves.toBeUndefined();
    expect(received).toEqual(['PONG', 'PONG']);
  });

  it('echo answers with the datagram itself; udpSend replies to the last sender', async () => {
    const { run, send, received } = (current = lab());
    await run({ kind: 'udpBind', peer: 'server', port: 7000, as: 'u1', answer: 'echo' });
    send('hello');
    await run({ kind: 'udpReceive', socket: 'u1' });
    await run({ kind: 'udpSend', socket: 'u1', data: 'extra' });
    expect(received).toEqual(['hello', 'extra']);
  });

  it('a silent socket answers nothing, not even ICMP; after udpClose the port is unreachable', async () => {
    const { run, send, received, errors, socket, server } = (current = lab());
    socket.connect({ addr: server.addr, port: PORT });
    await run({ kind: 'udpBind', peer: 'server', port: '{port}', as: 'u1' });
    send('PING');
    await run({ kind: 'udpReceive', socket: 'u1', expect: 'PING' });
    expect([received, errors]).toEqual([[], []]);
    await run({ kind: 'udpClose', socket: 'u1' });
    send('PING');
    expect(errors).toEqual(['port-unreachable']);
  });

  it('fails with a reason: a wrong datagram, nothing to reply to, nothing arriving in time', async () => {
    const { run, send } = (current = lab());
    await run({ kind: 'udpBind', peer: 'server', port: '{port}', as: 'u1' });
    await expect(run({ kind: 'udpSend', socket: 'u1', data: 'x' })).rejects.toThrow(
      'u1 has received no datagram to reply to',
    );
    await expect(run({ kind: 'udpReceive', socket: 'u1' }, 50)).rejects.toMatchObject({
      status: 'timeout',
      message: expect.stringContaining('no datagram arrived on u1'),
    });
    send('PONG');
    await expect(run({ kind: 'udpReceive', socket: 'u1', expect: 'PING' })).rejects.toThrow(
      'expected the datagram on u1 to be "PING", got "PONG"',
    );
    await expect(run({ kind: 'udpBind', peer: 'server', port: '{port}', as: 'u2' })).rejects.toThrow(
      'server cannot bind UDP port 7000',
    );
  });
});
