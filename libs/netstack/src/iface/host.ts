/**
 * A host on one Ethernet link: MAC + IPv4 address, ARP, ICMP echo and errors, UDP
 * sockets, and TCP through a `TcpLayer`. Clock-free: every entry point takes `now`, and
 * `pollAt()` says when `poll(now)` must run next. Frames leave through the transmit
 * callback; frames arrive through `receiveFrame`.
 *
 * Ownership: `receiveFrame` takes the frame. Parsed payloads (UDP data excepted, which
 * is copied for the socket) are views into it, so the caller must not reuse the buffer.
 */
import { createTcpLayer } from '../tcp';
import type { SynPolicy, TcpConfig, TcpLayer, TcpLayerHooks, TcpOutput } from '../tcp/api';
import { ArpPacket, ArpRepr } from '../wire/arp';
import { EtherType, EthernetFrame } from '../wire/ethernet';
import {
  IcmpUnreachable,
  Icmpv4Packet,
  Icmpv4Repr,
  parseQuotedDatagram,
  quoteDatagram,
} from '../wire/icmpv4';
import type { Endpoint, Ipv4Addr, MacAddr } from '../wire/ip-types';
import { IPV4_BROADCAST, IPV4_HEADER_LEN, IpProtocol, Ipv4Packet, Ipv4Repr } from '../wire/ipv4';
import { BROADCAST_MAC, isBroadcastMac, isGroupMac, macEquals, ZERO_MAC } from '../wire/mac';
import { emitTcp, parseTcp, TcpPacket, tcpBufferLength } from '../wire/tcp';
import type { TcpRepr } from '../wire/tcp-repr';
import { UDP_HEADER_LEN, UdpPacket, UdpRepr } from '../wire/udp';
import { ArpCache, DEFAULT_ARP_CONFIG, type ArpConfig } from './arp-cache';
import {
  bump,
  emptyCounters,
  type DeliveryKind,
  type DropReason,
  type HostCounters,
  type TxDropReason,
} from './counters';
import { NetError } from './errors';
import { allocIpv4Frame, arpFrame, IPV4_PAYLOAD_OFFSET, setDestinationMac } from './frames';
import { UdpSocket, type UdpTransport } from './udp-socket';

export type FrameSink = (frame: Uint8Array, now: number) => void;

export interface FrameEvent {
  t: number;
  direction: 'in' | 'out';
  frame: Uint8Array;
}

export interface DropEvent {
  t: number;
  reason: DropReason;
  frame: Uint8Array;
}

export interface HostHooks {
  /** Every frame received (before any check) and transmitted. */
  onFrame?: (event: FrameEvent) => void;
  /** Every received frame that was dropped, with the reason also counted in `counters.dropped`. */
  onDrop?: (event: DropEvent) => void;
}

/** Same shape as `createTcpLayer` in tcp/index.ts, so it can be passed directly. */
export type TcpLayerFactory = (options: {
  localAddrs: Ipv4Addr[];
  config?: Partial<TcpConfig>;
  hooks?: TcpLayerHooks;
  output: TcpOutput;
}) => TcpLayer;

export interface HostOptions {
  /** For messages and logs. */
  name?: string;
  mac: MacAddr;
  addr: Ipv4Addr;
  /** On-link prefix (default 24). */
  prefixLength?: number;
  /** Next hop for off-link destinations; none = off-link traffic is dropped ('ipv4/no-route'). */
  gateway?: Ipv4Addr;
  /** Link MTU in bytes (default 1500): the largest IPv4 datagram sent; nothing is fragmented. */
  mtu?: number;
  /** TTL of emitted datagrams (default 64, as Linux). */
  ttl?: number;
  transmit?: FrameSink;
  /** Builds the TCP layer; defaults to `createTcpLayer` (tcp/index.ts). */
  tcpFactory?: TcpLayerFactory;
  tcpConfig?: Partial<TcpConfig>;
  tcpHooks?: TcpLayerHooks;
  arp?: Partial<ArpConfig>;
  hooks?: HostHooks;
}

/** A TCP segment the host handed to an interceptor instead of its TcpLayer (puppet mode). */
export type TcpInterceptor = (now: number, src: Ipv4Addr, dst: Ipv4Addr, segment: TcpRepr) => boolean;

const EPHEMERAL_FIRST = 49152;
const EPHEMERAL_LAST = 65535;

export class Host implements UdpTransport {
  readonly name: string;
  readonly mac: MacAddr;
  readonly addr: Ipv4Addr;
  readonly netmask: number;
  readonly gateway: Ipv4Addr | null;
  readonly mtu: number;
  readonly tcp: TcpLayer;
  readonly counters: HostCounters = emptyCounters();

  private readonly ttl: number;
  private readonly hooks: HostHooks;
  private readonly arp: ArpCache;
  private readonly udpSockets = new Map<number, UdpSocket>();
  private readonly echoListeners: Array<(reply: EchoReply) => void> = [];
  private readonly interceptors: TcpInterceptor[] = [];
  private transmitFrame: FrameSink | null;
  private nextIdent = 0;
  private nextEphemeral = EPHEMERAL_FIRST;
  private crashed = false;
  /**
   * The TcpOutput callback carries no time: segments leave synchronously inside a call
   * that took `now` (a host entry point, or a socket call after `noteTime`), remembered here.
   */
  private outputNow = 0;

  constructor(options: HostOptions) {
    this.name = options.name ?? 'host';
    this.mac = options.mac.slice(0, 6);
    this.addr = options.addr >>> 0;
    const prefix = options.prefixLength ?? 24;
    this.netmask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    this.gateway = options.gateway ?? null;
    this.mtu = options.mtu ?? 1500;
    this.ttl = options.ttl ?? 64;
    this.hooks = options.hooks ?? {};
    this.arp = new ArpCache({ ...DEFAULT_ARP_CONFIG, ...options.arp });
    this.transmitFrame = options.transmit ?? null;
    this.tcp = (options.tcpFactory ?? createTcpLayer)({
      localAddrs: [this.addr],
      config: options.tcpConfig,
      hooks: options.tcpHooks,
      output: (src, dst, segment) => this.sendTcpSegment(this.outputNow, dst, segment, src),
    });
  }

  get isCrashed(): boolean {
    return this.crashed;
  }

  setTransmit(sink: FrameSink): void {
    this.transmitFrame = sink;
  }

  /**
   * Tells the host the time before calling TcpSocket/TcpListener methods directly, so the
   * segments they emit are stamped and routed with the right `now`.
   */
  noteTime(now: number): void {
    this.outputNow = now;
  }

  // ——— time ———

  poll(now: number): void {
    if (this.crashed) return;
    this.outputNow = now;
    const { retry, failed } = this.arp.poll(now);
    for (const addr of retry) this.sendArpRequest(now, addr);
    for (const { discarded } of failed) {
      this.counters.arpResolutionsFailed += 1;
      bump(this.counters.txDropped, 'arp/unresolved', discarded);
    }
    this.tcp.poll(now);
  }

  /** Null while crashed: a dead host runs no timers. */
  pollAt(): number | null {
    if (this.crashed) return null;
    const arpAt = this.arp.pollAt();
    const tcpAt = this.tcp.pollAt();
    if (arpAt === null) return tcpAt;
    if (tcpAt === null) return arpAt;
    return Math.min(arpAt, tcpAt);
  }

  // ——— host behaviours ———

  /** Silently drop everything from now on: no FIN, no RST, no ARP replies, no timers. */
  crash(): void {
    this.crashed = true;
  }

  /**
   * Come back with empty state: TCP connections and listeners forgotten without a word
   * (so the next segment of an old connection is answered with RST), UDP sockets closed,
   * ARP cache empty.
   */
  reboot(): void {
    this.tcp.forgetAll();
    for (const socket of [...this.udpSockets.values()]) socket.close();
    this.arp.clear();
    this.crashed = false;
  }

  setSynPolicy(port: number | 'all', policy: SynPolicy): void {
    this.tcp.setSynPolicy(port, policy);
  }

  // ——— receive path ———

  receiveFrame(now: number, frame: Uint8Array): void {
    this.outputNow = now;
    this.counters.rxFrames += 1;
    this.hooks.onFrame?.({ t: now, direction: 'in', frame });
    if (this.crashed) return this.drop(now, frame, 'host/crashed');
    const eth = EthernetFrame.check(frame);
    if (!eth.ok) return this.drop(now, frame, `eth/${eth.error}`);
    const dst = eth.value.dst;
    if (!macEquals(dst, this.mac) && !isBroadcastMac(dst)) return this.drop(now, frame, 'eth/not-for-us');
    switch (eth.value.etherType) {
      case EtherType.Arp:
        return this.receiveArp(now, frame, eth.value.payload);
      case EtherType.Ipv4:
        return this.receiveIpv4(now, frame, eth.value.payload);
      default:
        return this.drop(now, frame, 'eth/unknown-ethertype');
    }
  }

  /** RFC 826 "Packet Reception", with the merge step: refresh a known sender, learn one that asks us. */
  private receiveArp(now: number, frame: Uint8Array, bytes: Uint8Array): void {
    const packet = ArpPacket.check(bytes);
    if (!packet.ok) return this.drop(now, frame, `arp/${packet.error}`);
    const parsed = ArpRepr.parse(packet.value);
    if (!parsed.ok) return this.drop(now, frame, `arp/${parsed.error}`);
    const arp = parsed.value;
    const learnable = arp.senderAddr !== 0 && !isGroupMac(arp.senderMac);
    let merged = false;
    if (learnable && this.arp.has(arp.senderAddr)) {
      this.flushResolved(now, arp.senderAddr, arp.senderMac);
      merged = true;
    }
    if (arp.targetAddr !== this.addr) return this.drop(now, frame, 'arp/not-for-us');
    if (learnable && !merged) this.flushResolved(now, arp.senderAddr, arp.senderMac);
    if (arp.operation === 'request') {
      this.transmit(
        now,
        arpFrame(this.mac, arp.senderMac, {
          operation: 'reply',
          senderMac: this.mac,
          senderAddr: this.addr,
          targetMac: arp.senderMac,
          targetAddr: arp.senderAddr,
        }),
      );
    }
    this.deliver(arp.operation === 'request' ? 'arp/request' : 'arp/reply');
  }

  private receiveIpv4(now: number, frame: Uint8Array, bytes: Uint8Array): void {
    const packet = Ipv4Packet.check(bytes);
    if (!packet.ok) return this.drop(now, frame, `ipv4/${packet.error}`);
    const parsed = Ipv4Repr.parse(packet.value);
    if (!parsed.ok) return this.drop(now, frame, `ipv4/${parsed.error}`);
    const ip = parsed.value;
    const unicast = ip.dst === this.addr;
    if (!unicast && !this.isBroadcast(ip.dst)) return this.drop(now, frame, 'ipv4/not-for-us');
    const payload = packet.value.payload;
    switch (ip.protocol) {
      case IpProtocol.Icmp:
        return this.receiveIcmp(now, frame, ip, unicast, payload);
      case IpProtocol.Udp:
        return this.receiveUdp(now, frame, ip, unicast, packet.value);
      case IpProtocol.Tcp:
        return this.receiveTcp(now, frame, ip, unicast, payload);
      default:
        return this.drop(now, frame, 'ipv4/unknown-protocol');
    }
  }

  private receiveIcmp(
    now: number,
    frame: Uint8Array,
    ip: Ipv4Repr,
    unicast: boolean,
    bytes: Uint8Array,
  ): void {
    const packet = Icmpv4Packet.check(bytes);
    if (!packet.ok) return this.drop(now, frame, `icmp/${packet.error}`);
    const parsed = Icmpv4Repr.parse(packet.value);
    if (!parsed.ok) return this.drop(now, frame, `icmp/${parsed.error}`);
    const icmp = parsed.value;
    switch (icmp.kind) {
      case 'echo-request':
        if (!unicast) return this.drop(now, frame, 'icmp/ignored');
        this.sendIcmp(now, ip.src, {
          kind: 'echo-reply',
          ident: icmp.ident,
          seqNo: icmp.seqNo,
          data: icmp.data,
        });
        return this.deliver('icmp/echo-request');
      case 'echo-reply': {
        if (this.echoListeners.length === 0) return this.drop(now, frame, 'icmp/ignored');
        const reply: EchoReply = {
          t: now,
          from: ip.src,
          ident: icmp.ident,
          seqNo: icmp.seqNo,
          data: icmp.data.slice(),
        };
        for (const listener of [...this.echoListeners]) listener(reply);
        return this.deliver('icmp/echo-reply');
      }
      case 'dst-unreachable': {
        const quoted = parseQuotedDatagram(icmp.quoted);
        if (!quoted.ok) return this.drop(now, frame, `icmp/${quoted.error}`);
        const q = quoted.value;
        if (
          q.protocol !== IpProtocol.Udp ||
          q.src !== this.addr ||
          q.srcPort === null ||
          q.dstPort === null
        ) {
          return this.drop(now, frame, 'icmp/ignored');
        }
        const socket = this.udpSockets.get(q.srcPort);
        const remote: Endpoint = { addr: q.dst, port: q.dstPort };
        if (!socket || !socket.wantsErrorsFor(remote)) return this.drop(now, frame, 'icmp/ignored');
        socket.deliverError({
          t: now,
          code: icmp.code === IcmpUnreachable.Port ? 'port-unreachable' : 'unreachable',
          icmpCode: icmp.code,
          remote,
        });
        return this.deliver('icmp/dst-unreachable');
      }
    }
  }

  private receiveUdp(
    now: number,
    frame: Uint8Array,
    ip: Ipv4Repr,
    unicast: boolean,
    datagram: Ipv4Packet,
  ): void {
    const packet = UdpPacket.check(datagram.payload);
    if (!packet.ok) return this.drop(now, frame, `udp/${packet.error}`);
    const parsed = UdpRepr.parse(packet.value, ip.src, ip.dst);
    if (!parsed.ok) return this.drop(now, frame, `udp/${parsed.error}`);
    const udp = parsed.value;
    const from: Endpoint = { addr: ip.src, port: udp.srcPort };
    const socket = this.udpSockets.get(udp.dstPort);
    if (!socket || !socket.accepts(from)) {
      // RFC 1122 §3.2.2: no ICMP error about a datagram sent to a broadcast address.
      if (unicast) {
        this.sendIcmp(now, ip.src, {
          kind: 'dst-unreachable',
          code: IcmpUnreachable.Port,
          quoted: quoteDatagram(datagram),
        });
      }
      return this.drop(now, frame, 'udp/port-unreachable');
    }
    this.deliver('udp');
    socket.deliver({ t: now, from, to: { addr: ip.dst, port: udp.dstPort }, data: udp.payload.slice() });
  }

  private receiveTcp(
    now: number,
    frame: Uint8Array,
    ip: Ipv4Repr,
    unicast: boolean,
    bytes: Uint8Array,
  ): void {
    const packet = TcpPacket.check(bytes);
    if (!packet.ok) return this.drop(now, frame, `tcp/${packet.error}`);
    const parsed = parseTcp(packet.value, ip.src, ip.dst);
    if (!parsed.ok) return this.drop(now, frame, `tcp/${parsed.error}`);
    if (!unicast) return this.drop(now, frame, 'tcp/not-unicast');
    this.deliver('tcp');
    for (const intercept of this.interceptors) {
      if (intercept(now, ip.src, ip.dst, parsed.value)) return;
    }
    this.tcp.receive(now, ip.src, ip.dst, parsed.value);
  }

  private deliver(kind: DeliveryKind): void {
    bump(this.counters.delivered, kind);
  }

  private drop(now: number, frame: Uint8Array, reason: DropReason): void {
    bump(this.counters.dropped, reason);
    this.hooks.onDrop?.({ t: now, reason, frame });
  }

  // ——— transmit path ———

  /**
   * Sends a TCP segment as is, bypassing the TcpLayer (puppet mode) — the layer's own
   * output goes through here too. The checksum is computed for `src` → `dst`.
   */
  sendTcpSegment(now: number, dst: Ipv4Addr, segment: TcpRepr, src: Ipv4Addr = this.addr): void {
    const frame = this.allocDatagram(src, dst, IpProtocol.Tcp, tcpBufferLength(segment));
    emitTcp(segment, frame.subarray(IPV4_PAYLOAD_OFFSET), src, dst);
    this.route(now, dst, frame);
  }

  /**
   * Registers a filter that sees every valid TCP segment addressed to this host before
   * the TcpLayer; returning true consumes the segment. Returns the function that removes it.
   */
  interceptTcp(interceptor: TcpInterceptor): () => void {
    this.interceptors.push(interceptor);
    return () => {
      const at = this.interceptors.indexOf(interceptor);
      if (at >= 0) this.interceptors.splice(at, 1);
    };
  }

  /** Sends an ICMP echo request; replies reach `onEchoReply` listeners. */
  ping(now: number, dst: Ipv4Addr, request: { ident: number; seqNo: number; data?: Uint8Array }): void {
    this.outputNow = now;
    this.sendIcmp(now, dst, {
      kind: 'echo-request',
      ident: request.ident,
      seqNo: request.seqNo,
      data: request.data ?? new Uint8Array(0),
    });
  }

  onEchoReply(listener: (reply: EchoReply) => void): () => void {
    this.echoListeners.push(listener);
    return () => {
      const at = this.echoListeners.indexOf(listener);
      if (at >= 0) this.echoListeners.splice(at, 1);
    };
  }

  /** Binds a UDP socket; port 0 or omitted picks a free ephemeral port (49152–65535). */
  udpBind(port = 0): UdpSocket {
    if (port === 0) port = this.freeEphemeralPort();
    else if (this.udpSockets.has(port))
      throw new NetError('udp/port-in-use', `UDP port ${port} is already bound`);
    const socket = new UdpSocket(this, { addr: this.addr, port });
    this.udpSockets.set(port, socket);
    return socket;
  }

  /** The resolved MAC of `addr`, or null (for tests and diagnostics). */
  neighbour(now: number, addr: Ipv4Addr): MacAddr | null {
    return this.arp.lookup(now, addr);
  }

  // UdpTransport
  sendUdp(now: number, local: Endpoint, remote: Endpoint, data: Uint8Array): void {
    this.outputNow = now;
    const udp = { srcPort: local.port, dstPort: remote.port, payload: data };
    const frame = this.allocDatagram(local.addr, remote.addr, IpProtocol.Udp, UdpRepr.bufferLength(udp));
    UdpRepr.emit(udp, frame.subarray(IPV4_PAYLOAD_OFFSET), local.addr, remote.addr);
    this.route(now, remote.addr, frame);
  }

  maxUdpPayload(): number {
    return this.mtu - IPV4_HEADER_LEN - UDP_HEADER_LEN;
  }

  release(socket: UdpSocket): void {
    if (this.udpSockets.get(socket.local.port) === socket) this.udpSockets.delete(socket.local.port);
  }

  private freeEphemeralPort(): number {
    const span = EPHEMERAL_LAST - EPHEMERAL_FIRST + 1;
    for (let tries = 0; tries < span; tries++) {
      const port = this.nextEphemeral;
      this.nextEphemeral = port === EPHEMERAL_LAST ? EPHEMERAL_FIRST : port + 1;
      if (!this.udpSockets.has(port)) return port;
    }
    throw new NetError('udp/no-free-port', 'all ephemeral UDP ports are bound');
  }

  private sendIcmp(now: number, dst: Ipv4Addr, icmp: Icmpv4Repr): void {
    const frame = this.allocDatagram(this.addr, dst, IpProtocol.Icmp, Icmpv4Repr.bufferLength(icmp));
    Icmpv4Repr.emit(icmp, frame.subarray(IPV4_PAYLOAD_OFFSET));
    this.route(now, dst, frame);
  }

  private allocDatagram(src: Ipv4Addr, dst: Ipv4Addr, protocol: number, payloadLength: number): Uint8Array {
    this.nextIdent = (this.nextIdent + 1) & 0xffff;
    return allocIpv4Frame(this.mac, {
      src,
      dst,
      protocol,
      ttl: this.ttl,
      payloadLength,
      ident: this.nextIdent,
    });
  }

  /** Picks the next hop, resolves its MAC (queueing the frame while ARP runs) and transmits. */
  private route(now: number, dst: Ipv4Addr, frame: Uint8Array): void {
    if (this.crashed) return this.txDrop('host/crashed');
    if (this.isBroadcast(dst)) {
      setDestinationMac(frame, BROADCAST_MAC);
      return this.transmit(now, frame);
    }
    const nextHop = this.isOnLink(dst) ? dst : this.gateway;
    if (nextHop === null) return this.txDrop('ipv4/no-route');
    const mac = this.arp.lookup(now, nextHop);
    if (mac) {
      setDestinationMac(frame, mac);
      return this.transmit(now, frame);
    }
    const queued = this.arp.enqueue(now, nextHop, frame);
    if (queued === 'request') this.sendArpRequest(now, nextHop);
    else if (queued === 'full') this.txDrop('arp/queue-full');
  }

  private flushResolved(now: number, addr: Ipv4Addr, mac: MacAddr): void {
    for (const frame of this.arp.learn(now, addr, mac)) {
      setDestinationMac(frame, mac);
      this.transmit(now, frame);
    }
  }

  private sendArpRequest(now: number, target: Ipv4Addr): void {
    this.counters.arpRequestsSent += 1;
    this.transmit(
      now,
      arpFrame(this.mac, BROADCAST_MAC, {
        operation: 'request',
        senderMac: this.mac,
        senderAddr: this.addr,
        targetMac: ZERO_MAC,
        targetAddr: target,
      }),
    );
  }

  private transmit(now: number, frame: Uint8Array): void {
    if (this.crashed) return this.txDrop('host/crashed');
    this.counters.txFrames += 1;
    this.hooks.onFrame?.({ t: now, direction: 'out', frame });
    this.transmitFrame?.(frame, now);
  }

  private txDrop(reason: TxDropReason): void {
    bump(this.counters.txDropped, reason);
  }

  private isOnLink(addr: Ipv4Addr): boolean {
    return ((addr ^ this.addr) & this.netmask) === 0;
  }

  /** Limited broadcast or this subnet's directed broadcast (RFC 1122 §3.3.6). */
  private isBroadcast(addr: Ipv4Addr): boolean {
    return (
      addr === IPV4_BROADCAST || (this.netmask !== 0xffffffff && addr === (this.addr | ~this.netmask) >>> 0)
    );
  }
}

export interface EchoReply {
  t: number;
  from: Ipv4Addr;
  ident: number;
  seqNo: number;
  data: Uint8Array;
}
