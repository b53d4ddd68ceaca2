import type { PacketPattern } from '@socklab/exercise';
import { parseIpv4, type Host } from '@socklab/netstack';
import { backToBack } from './__fixtures__/back-to-back';
import { frameMatchesPattern, type FrameOrigin } from './frame-pattern';

/** Frames of one exchange, each with the kind of host that sent it (h1 plays the learner). */
function exchange(
  act: (learner: Host, peer: Host) => void,
): Array<{ frame: Uint8Array; origin: FrameOrigin }> {
  const frames: Array<{ frame: Uint8Array; origin: FrameOrigin }> = [];
  const addresses: Record<string, number> = { learner: parseIpv4('10.9.0.1'), peer: parseIpv4('10.9.0.2') };
  const [learner, peer] = backToBack((frame, from) =>
    frames.push({
      frame,
      origin: { from: from === learner ? 'learner' : 'peer', addressOf: (host) => addresses[host] },
    }),
  );
  act(learner, peer);
  return frames.slice(2); // the ARP request and reply
}

const matching = (frames: ReturnType<typeof exchange>, pattern: PacketPattern) =>
  frames.map(({ frame, origin }) => frameMatchesPattern(frame, pattern, origin));

describe('a packet pattern on a frame entering the switch', () => {
  const toClosedPort = exchange((learner, peer) =>
    learner.udpBind(40000).sendTo(0, { addr: peer.addr, port: 7 }, 'PING'),
  );

  it('UDP patterns match datagrams by direction, host, size and exact text; TCP patterns do not', () => {
    expect(matching(toClosedPort, { protocol: 'udp' })).toEqual([true, false]);
    expect(matching(toClosedPort, { protocol: 'udp', direction: 'learner-to-peer', data: 'PING' })).toEqual([
      true,
      false,
    ]);
    expect(matching(toClosedPort, { protocol: 'udp', data: 'PONG' })).toEqual([false, false]);
    expect(matching(toClosedPort, { protocol: 'udp', payloadBytes: { min: 5 } })).toEqual([false, false]);
    expect(matching(toClosedPort, { protocol: 'udp', direction: 'peer-to-learner' })).toEqual([false, false]);
    expect(matching(toClosedPort, { protocol: 'udp', host: 'peer' })).toEqual([true, false]);
    expect(matching(toClosedPort, {})).toEqual([false, false]);
  });

  it('ICMP patterns match messages by kind (RFC 792 type and code)', () => {
    expect(matching(toClosedPort, { protocol: 'icmp', icmp: 'port-unreachable' })).toEqual([false, true]);
    expect(
      matching(toClosedPort, { protocol: 'icmp', icmp: 'unreachable', direction: 'peer-to-learner' }),
    ).toEqual([false, true]);
    expect(matching(toClosedPort, { protocol: 'icmp', icmp: 'host-unreachable' })).toEqual([false, false]);
    expect(matching(toClosedPort, { protocol: 'icmp', icmp: 'echo-reply' })).toEqual([false, false]);
  });

  it('TCP patterns (the default) still match segments by flags', () => {
    const refused = exchange((learner, peer) => learner.tcp.connect(0, { addr: peer.addr, port: 80 }));
    expect(matching(refused, { flags: 'S' })).toEqual([true, false]);
    expect(matching(refused, { flags: 'R', direction: 'peer-to-learner' })).toEqual([false, true]);
    expect(matching(refused, { protocol: 'udp' })).toEqual([false, false]);
  });
});
