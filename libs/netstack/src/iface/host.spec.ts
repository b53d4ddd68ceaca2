import { FIXTURES } from '../wire/__fixtures__/frames';
import { internetChecksum } from '../wire/checksum';
import { formatIpv4, parseIpv4 } from '../wire/ip-types';
import { NO_FLAGS } from '../wire/tcp-repr';
import { total } from './counters';
import type { UdpErrorEvent, UdpMessage } from './udp-socket';
import { lan, macOf } from './__fixtures__/lan';

const ip = parseIpv4;
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString();
const etherTypeOf = (frame: Uint8Array) => (frame[12] << 8) | frame[13];

/** A fixture frame from 10.0.0.1 readdressed to host `n`'s MAC. */
function toHost(fixture: Uint8Array, n: number): Uint8Array {
  const frame = fixture.slice();
  frame.set(macOf(n), 0);
  return frame;
}

describe('Host: ARP (RFC 826)', () => {
  it('resolves the next hop before the first datagram and answers the request', async () => {
    const { clock, hosts, frames } = lan();
    const [a, b] = hosts;
    const got: UdpMessage[] = [];
    b.udpBind(7).onMessage((m) => got.push(m));
    a.udpBind(5000).sendTo(clock.now(), { addr: b.addr, port: 7 }, 'hello');
    await clock.advance(1);

    expect(frames.map((f) => [f.from, etherTypeOf(f.frame)])).toEqual([
      [0, 0x0806], // who-has 10.0.0.2
      [1, 0x0806], // is-at
      [0, 0x0800], // the queued datagram
    ]);
    expect(got.map((m) => [formatIpv4(m.from.addr), m.from.port, text(m.data)])).toEqual([
      ['10.0.0.1', 5000, 'hello'],
    ]);
    expect(a.neighbour(clock.now(), b.addr)).toEqual(macOf(2));
    expect(b.neighbour(clock.now(), a.addr)).toEqual(macOf(1)); // learnt from the request
    expect(a.counters.arpRequestsSent).toBe(1);
    expect(b.counters.delivered).toEqual({ 'arp/request': 1, udp: 1 });
  });

  it('retries an unanswered request each second and gives up after three, discarding what waited', async () => {
    const { clock, hosts, frames } = lan();
    const socket = hosts[0].udpBind();
    for (let i = 0; i < 3; i++) socket.sendTo(clock.now(), { addr: ip('10.0.0.77'), port: 9 }, `try ${i}`);
    await clock.advance(5000);

    expect(frames.map((f) => f.t)).toEqual([0, 1000, 2000]);
    expect(hosts[0].counters.arpResolutionsFailed).toBe(1);
    expect(hosts[0].counters.txDropped).toEqual({ 'arp/unresolved': 3 });
    expect(hosts[0].pollAt()).toBeNull();
  });

  it('bounds the frames waiting for one neighbour', async () => {
    const { clock, hosts } = lan(1, { arp: { queueLimit: 2 } });
    const socket = hosts[0].udpBind();
    for (let i = 0; i < 5; i++) socket.sendTo(clock.now(), { addr: ip('10.0.0.9'), port: 9 }, 'x');
    expect(hosts[0].counters.txDropped).toEqual({ 'arp/queue-full': 3 });
  });

  it('ignores requests for other addresses but refreshes a sender it already knows', async () => {
    const { clock, hosts } = lan(3);
    const [a, b, c] = hosts;
    a.ping(clock.now(), c.addr, { ident: 1, seqNo: 1 });
    await clock.advance(1);
    // the hub shows B the broadcast request and the unicast traffic between A and C
    expect(b.counters.dropped).toEqual({ 'arp/not-for-us': 1, 'eth/not-for-us': 3 });
    expect(b.neighbour(clock.now(), a.addr)).toBeNull();

    b.ping(clock.now(), a.addr, { ident: 1, seqNo: 2 });
    await clock.advance(1);
    const moved = FIXTURES.arpRequest.slice(); // 10.0.0.1 now at 02:..:aa asks for 10.0.0.3
    moved.set([0x02, 0, 0, 0, 0, 0xaa], 22);
    moved[41] = 3;
    b.receiveFrame(clock.now(), moved);
    expect(b.neighbour(clock.now(), a.addr)).toEqual(Uint8Array.of(0x02, 0, 0, 0, 0, 0xaa));
  });

  it('sends off-link traffic to the gateway and drops it without one', async () => {
    const { clock, hosts, frames } = lan(2, { gateway: ip('10.0.0.2') });
    hosts[0].udpBind().sendTo(clock.now(), { addr: ip('192.0.2.1'), port: 9 }, 'away');
    await clock.advance(1);
    const datagram = frames.find((f) => f.from === 0 && etherTypeOf(f.frame) === 0x0800);
    expect(datagram?.frame.subarray(0, 6)).toEqual(macOf(2));

    const alone = lan(1);
    alone.hosts[0].udpBind().sendTo(0, { addr: ip('192.0.2.1'), port: 9 }, 'away');
    expect(alone.hosts[0].counters.txDropped).toEqual({ 'ipv4/no-route': 1 });
  });
});

describe('Host: ICMP (RFC 792)', () => {
  it('answers an echo request with the same identifier, sequence number and data', async () => {
    const { clock, hosts } = lan();
    const replies: Array<[string, number, number, string]> = [];
    hosts[0].onEchoReply((r) => replies.push([formatIpv4(r.from), r.ident, r.seqNo, text(r.data)]));
    hosts[0].ping(clock.now(), hosts[1].addr, {
      ident: 0x1234,
      seqNo: 7,
      data: Buffer.from('are you there'),
    });
    await clock.advance(1);
    expect(replies).toEqual([['10.0.0.2', 0x1234, 7, 'are you there']]);
  });

  it('answers a captured echo request frame', async () => {
    const { clock, hosts, frames } = lan();
    hosts[1].receiveFrame(0, toHost(FIXTURES.echo, 2));
    await clock.advance(1);
    // 10.0.0.1 is unknown to host 2: ARP first, then the reply once host 1 answers.
    const reply = frames.filter((f) => f.from === 1 && etherTypeOf(f.frame) === 0x0800);
    expect(reply).toHaveLength(1);
    const icmp = reply[0].frame.subarray(34);
    expect(icmp[0]).toBe(0); // echo reply
    expect(internetChecksum(icmp)).toBe(0);
    expect(text(icmp.subarray(8))).toBe('abcdefghijklmnop');
  });

  it('ignores echo requests sent to the broadcast address', () => {
    const { hosts } = lan();
    const frame = toHost(FIXTURES.echo, 2);
    frame.set([0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 0);
    frame.set([10, 0, 0, 255], 30);
    frame[24] = frame[25] = 0;
    const sum = internetChecksum(frame, 14, 34);
    frame[24] = sum >> 8;
    frame[25] = sum & 255;
    hosts[1].receiveFrame(0, frame);
    expect(hosts[1].counters.dropped).toEqual({ 'icmp/ignored': 1 });
    expect(hosts[1].counters.txFrames).toBe(0);
  });
});

describe('Host: UDP (RFC 768) and port unreachable', () => {
  it('answers a datagram to a closed port with ICMP port unreachable quoting it', async () => {
    const { clock, hosts, frames } = lan();
    const errors: UdpErrorEvent[] = [];
    const socket = hosts[0].udpBind(5353);
    socket.connect({ addr: hosts[1].addr, port: 9 });
    socket.onError((e) => errors.push(e));
    socket.send(clock.now(), 'nobody home');
    await clock.advance(1);

    expect(hosts[1].counters.dropped).toEqual({ 'udp/port-unreachable': 1 });
    const icmp = frames.filter((f) => f.from === 1 && etherTypeOf(f.frame) === 0x0800)[0].frame;
    expect([icmp[34], icmp[35]]).toEqual([3, 3]);
    expect(icmp.length).toBe(14 + 20 + 8 + 28); // header + 8 bytes of the original quoted
    expect(errors).toEqual([
      { t: 0, code: 'port-unreachable', icmpCode: 3, remote: { addr: hosts[1].addr, port: 9 } },
    ]);
    expect(hosts[0].counters.delivered['icmp/dst-unreachable']).toBe(1);
  });

  it('does not report the error to an unconnected socket (as Linux without IP_RECVERR)', async () => {
    const { clock, hosts } = lan();
    const errors: UdpErrorEvent[] = [];
    const socket = hosts[0].udpBind();
    socket.onError((e) => errors.push(e));
    socket.sendTo(clock.now(), { addr: hosts[1].addr, port: 9 }, 'x');
    await clock.advance(1);
    expect(errors).toEqual([]);
    expect(hosts[0].counters.dropped).toEqual({ 'icmp/ignored': 1 });
  });

  it('delivers to a connected socket only what its peer sends', async () => {
    const { clock, hosts } = lan(3);
    const [a, b, c] = hosts;
    const got: string[] = [];
    const socket = a.udpBind(4000);
    socket.connect({ addr: b.addr, port: 4001 });
    socket.onMessage((m) => got.push(text(m.data)));
    b.udpBind(4001).sendTo(clock.now(), { addr: a.addr, port: 4000 }, 'from peer');
    c.udpBind(4001).sendTo(clock.now(), { addr: a.addr, port: 4000 }, 'from stranger');
    await clock.advance(1);
    expect(got).toEqual(['from peer']);
    expect(a.counters.dropped).toEqual({ 'udp/port-unreachable': 1 });
  });

  it('parses a captured datagram and refuses one with a bad checksum', () => {
    const { hosts } = lan();
    const got: string[] = [];
    hosts[1].udpBind(7).onMessage((m) => got.push(text(m.data)));
    hosts[1].receiveFrame(0, toHost(FIXTURES.udp, 2));
    const corrupt = toHost(FIXTURES.udp, 2);
    corrupt[corrupt.length - 1] ^= 0x20;
    hosts[1].receiveFrame(0, corrupt);
    expect(got).toEqual(['ping!']);
    expect(hosts[1].counters.dropped).toEqual({ 'udp/bad-checksum': 1 });
  });

  it('refuses a second bind and frees the port on close', () => {
    const { hosts } = lan(1);
    const socket = hosts[0].udpBind(53);
    expect(() => hosts[0].udpBind(53)).toThrow(expect.objectContaining({ code: 'udp/port-in-use' }));
    socket.close();
    expect(hosts[0].udpBind(53).local.port).toBe(53);
    expect(() => socket.sendTo(0, { addr: 1, port: 1 }, 'x')).toThrow(
      expect.objectContaining({ code: 'udp/closed' }),
    );
  });

  it('refuses datagrams larger than the MTU allows (no fragmentation)', () => {
    const { hosts } = lan(1);
    expect(() => hosts[0].udpBind().sendTo(0, { addr: 2, port: 2 }, new Uint8Array(1473))).toThrow(
      expect.objectContaining({ code: 'udp/too-large' }),
    );
  });
});

describe('Host: IPv4 input checks', () => {
  it('drops fragments and counts them', () => {
    const { hosts } = lan();
    const frame = toHost(FIXTURES.udp, 2);
    frame[20] = 0x20; // MF
    frame[24] = frame[25] = 0;
    const sum = internetChecksum(frame, 14, 34);
    frame[24] = sum >> 8;
    frame[25] = sum & 255;
    hosts[1].receiveFrame(0, frame);
    expect(hosts[1].counters.dropped).toEqual({ 'ipv4/fragmented': 1 });
  });

  it('drops frames for other MACs, other addresses and unknown EtherTypes', () => {
    const { hosts } = lan();
    hosts[1].receiveFrame(0, toHost(FIXTURES.udp, 3));
    const otherIp = toHost(FIXTURES.udp, 2);
    otherIp[33] = 9; // 10.0.0.9, checksum now wrong too: checksum is checked first
    hosts[1].receiveFrame(0, otherIp);
    const ipv6 = toHost(FIXTURES.udp, 2);
    ipv6[12] = 0x86;
    ipv6[13] = 0xdd;
    hosts[1].receiveFrame(0, ipv6);
    hosts[1].receiveFrame(0, FIXTURES.udp.subarray(0, 10));
    expect(hosts[1].counters.dropped).toEqual({
      'eth/not-for-us': 1,
      'ipv4/bad-checksum': 1,
      'eth/unknown-ethertype': 1,
      'eth/truncated': 1,
    });
    expect(hosts[1].counters.rxFrames).toBe(4);
  });
});

describe('Host: TCP demultiplexing', () => {
  it('feeds verified segments to the TCP layer and emits its output through IP and ARP', async () => {
    const { clock, hosts, tcp, frames } = lan();
    hosts[1].receiveFrame(0, toHost(FIXTURES.syn, 2));
    await clock.advance(1);
    expect(tcp[1].received).toHaveLength(1);
    expect(tcp[1].received[0].segment).toMatchObject({ srcPort: 40000, dstPort: 80, options: { mss: 1460 } });
    // the fake layer answered with RST,ACK; host 1 receives it (its own fake records it)
    expect(tcp[0].received.map((r) => r.segment.flags)).toEqual([{ ...NO_FLAGS, rst: true, ack: true }]);
    expect(tcp[0].received[0].segment.ack).toBe(0xa1b2c3d5);
    expect(frames.filter((f) => etherTypeOf(f.frame) === 0x0806)).toHaveLength(2);
  });

  it('drops segments with a bad checksum or malformed options before the layer sees them', () => {
    const { hosts, tcp } = lan();
    const corrupt = toHost(FIXTURES.data, 2);
    corrupt[corrupt.length - 1] ^= 1;
    hosts[1].receiveFrame(0, corrupt);
    expect(tcp[1].received).toEqual([]);
    expect(hosts[1].counters.dropped).toEqual({ 'tcp/bad-checksum': 1 });
  });

  it('lets an interceptor take segments before the layer, and remove itself', () => {
    const { hosts, tcp } = lan();
    const seen: number[] = [];
    const remove = hosts[1].interceptTcp(
      (_now, _src, _dst, seg) => (seen.push(seg.srcPort), seg.dstPort === 80),
    );
    hosts[1].receiveFrame(0, toHost(FIXTURES.syn, 2));
    expect(seen).toEqual([40000]);
    expect(tcp[1].received).toEqual([]);
    remove();
    hosts[1].receiveFrame(0, toHost(FIXTURES.syn, 2));
    expect(tcp[1].received).toHaveLength(1);
  });
});

describe('Host: crash and reboot', () => {
  it('a crashed host answers nothing, not even ARP, and runs no timers', async () => {
    const { clock, hosts, frames } = lan();
    hosts[1].crash();
    hosts[0].ping(clock.now(), hosts[1].addr, { ident: 1, seqNo: 1 });
    await clock.advance(10_000);
    expect(frames.every((f) => f.from === 0)).toBe(true);
    expect(hosts[1].counters.dropped).toEqual({ 'host/crashed': 3 });
    expect(hosts[1].pollAt()).toBeNull();
  });

  it('reboot forgets TCP state and the ARP cache, closes UDP sockets, and answers again', async () => {
    const { clock, hosts, tcp } = lan();
    const [a, b] = hosts;
    const socket = b.udpBind(7);
    a.ping(clock.now(), b.addr, { ident: 1, seqNo: 1 });
    await clock.advance(1);
    b.crash();
    b.reboot();
    expect(tcp[1].forgotten).toBe(1);
    expect(socket.isClosed).toBe(true);
    expect(b.neighbour(clock.now(), a.addr)).toBeNull();
    const replies: number[] = [];
    a.onEchoReply((r) => replies.push(r.seqNo));
    a.ping(clock.now(), b.addr, { ident: 1, seqNo: 2 });
    await clock.advance(1);
    expect(replies).toEqual([2]);
  });

  it('passes SYN policies to the TCP layer', () => {
    const { hosts, tcp } = lan(1);
    hosts[0].setSynPolicy(80, 'refuse');
    hosts[0].setSynPolicy('all', 'drop');
    expect(tcp[0].policies).toEqual([
      [80, 'refuse'],
      ['all', 'drop'],
    ]);
  });
});

describe('Host: observability', () => {
  it('shows every frame in and out to the hook and accounts for every received frame', async () => {
    const seen: string[] = [];
    const drops: string[] = [];
    const observed = lan(2, {
      hooks: {
        onFrame: (e) => seen.push(`${e.direction}:${e.frame.length < 14 ? 'runt' : etherTypeOf(e.frame)}`),
        onDrop: (e) => drops.push(e.reason),
      },
    });
    observed.hosts[0].ping(0, observed.hosts[1].addr, { ident: 1, seqNo: 1 });
    observed.hosts[1].receiveFrame(0, new Uint8Array(3));
    await observed.clock.advance(1);
    expect(seen).toEqual([
      'out:2054', // A: who-has
      'in:runt', // B: garbage frame (hook sees it before any check)
      'in:2054', // B: who-has
      'out:2054', // B: is-at
      'in:2054', // A: is-at
      'out:2048', // A: echo request
      'in:2048', // B: echo request
      'out:2048', // B: echo reply
      'in:2048', // A: echo reply (dropped: nobody listens)
    ]);
    expect(drops).toEqual(['eth/truncated', 'icmp/ignored']);
    for (const host of observed.hosts) {
      expect(host.counters.rxFrames).toBe(total(host.counters.delivered) + total(host.counters.dropped));
    }
  });
});
