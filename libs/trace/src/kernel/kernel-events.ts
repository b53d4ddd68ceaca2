/**
 * Typed records of the TCP tracepoints the collector enables, decoded with field layouts
 * read from the running kernel's `format` files (so offsets are never hard-coded).
 */
import type { SocketAddress } from '../model/trace-schema';
import { ipv4FromBytes } from '../model/ipv4-text';
import { tcpStateFromKernelNumber, type TcpState } from '../model/tcp-state';
import { fieldBytes, readIntField, readSmallInt, requireField, type EventFormat } from './event-format';

export const TRACEPOINTS = [
  'sock/inet_sock_set_state',
  'tcp/tcp_send_reset',
  'tcp/tcp_receive_reset',
  'tcp/tcp_retransmit_skb',
  'tcp/tcp_retransmit_synack',
] as const;
export type TracepointName = (typeof TRACEPOINTS)[number];

interface KernelEventBase {
  /** CLOCK_MONOTONIC nanoseconds (instance trace_clock = mono). */
  tNs: bigint;
  cpu: number;
  /** Kernel address of the struct sock, hex; identifies one socket across its lifetime. */
  sk: string;
  local: SocketAddress;
  remote: SocketAddress;
}

/** sock:inet_sock_set_state — the kernel's tcp_set_state(); never reports TIME_WAIT (see ARCHITECTURE.md). */
export interface KernelStateChange extends KernelEventBase {
  kind: 'state';
  from: TcpState;
  to: TcpState;
  /** Kernel names before normalisation, e.g. 'TCP_NEW_SYN_RECV'. */
  fromKernel: number;
  toKernel: number;
}

export interface KernelTcpEvent extends KernelEventBase {
  kind: 'reset-sent' | 'reset-received' | 'retransmit' | 'synack-retransmit';
  state?: TcpState;
  reason?: string;
}

export type KernelEvent = KernelStateChange | KernelTcpEvent;

export type RecordDecoder = (data: Buffer, tNs: bigint, cpu: number) => KernelEvent | null;

const AF_INET = 2;
/** Dual-stack sockets talk IPv4 through v4-mapped addresses; their saddr/daddr hold the IPv4 ones. */
const AF_INET6 = 10;
const IPPROTO_TCP = 6;

function hex(value: bigint): string {
  return `0x${value.toString(16)}`;
}

/**
 * Decoder for events with sport/dport/family/saddr[4]/daddr[4] fields (all but tcp_send_reset).
 * The 4-byte fields hold the socket's IPv4 addresses for AF_INET and for v4-mapped AF_INET6
 * sockets alike; a pure IPv6 socket's are 0.0.0.0 and match no lab address.
 */
function addressedDecoder(
  format: EventFormat,
): (data: Buffer) => Omit<KernelEventBase, 'tNs' | 'cpu'> | null {
  const sport = requireField(format, 'sport');
  const dport = requireField(format, 'dport');
  const family = requireField(format, 'family');
  const saddr = requireField(format, 'saddr');
  const daddr = requireField(format, 'daddr');
  const skaddr = requireField(format, 'skaddr');
  return (data) => {
    const socketFamily = readSmallInt(data, family);
    if (socketFamily !== AF_INET && socketFamily !== AF_INET6) return null;
    return {
      sk: hex(readIntField(data, skaddr)),
      local: { addr: ipv4FromBytes(fieldBytes(data, saddr)), port: readSmallInt(data, sport) },
      remote: { addr: ipv4FromBytes(fieldBytes(data, daddr)), port: readSmallInt(data, dport) },
    };
  };
}

/**
 * tcp_send_reset carries `struct sockaddr_in/in6` images in saddr[28]/daddr[28] (Linux ≥ 6.10):
 * an IPv4 address, or a v4-mapped IPv6 one (::ffff:a.b.c.d at sin6_addr, offset 8).
 */
export function sockaddrIn(bytes: Buffer): SocketAddress | null {
  const family = bytes.readUInt16LE(0);
  if (family === AF_INET) return { addr: ipv4FromBytes(bytes, 4), port: bytes.readUInt16BE(2) };
  const v4Mapped =
    family === AF_INET6 &&
    bytes.length >= 24 &&
    bytes.subarray(8, 18).every((byte) => byte === 0) &&
    bytes[18] === 0xff &&
    bytes[19] === 0xff;
  return v4Mapped ? { addr: ipv4FromBytes(bytes, 20), port: bytes.readUInt16BE(2) } : null;
}

export function makeDecoder(name: TracepointName, format: EventFormat): RecordDecoder {
  switch (name) {
    case 'sock/inet_sock_set_state': {
      const base = addressedDecoder(format);
      const protocol = requireField(format, 'protocol');
      const oldstate = requireField(format, 'oldstate');
      const newstate = requireField(format, 'newstate');
      return (data, tNs, cpu) => {
        if (readSmallInt(data, protocol) !== IPPROTO_TCP) return null;
        const b = base(data);
        if (!b) return null;
        const fromKernel = readSmallInt(data, oldstate);
        const toKernel = readSmallInt(data, newstate);
        const from = tcpStateFromKernelNumber(fromKernel);
        const to = tcpStateFromKernelNumber(toKernel);
        if (!from || !to) return null;
        return { kind: 'state', tNs, cpu, ...b, from, to, fromKernel, toKernel };
      };
    }
    case 'tcp/tcp_send_reset': {
      const skaddr = requireField(format, 'skaddr');
      const saddr = requireField(format, 'saddr');
      const daddr = requireField(format, 'daddr');
      const state = format.fields.get('state');
      const reason = format.fields.get('reason');
      const reasons = format.symbols.get('reason');
      return (data, tNs, cpu) => {
        const local = sockaddrIn(fieldBytes(data, saddr));
        const remote = sockaddrIn(fieldBytes(data, daddr));
        if (!local || !remote) return null;
        const event: KernelTcpEvent = {
          kind: 'reset-sent',
          tNs,
          cpu,
          sk: hex(readIntField(data, skaddr)),
          local,
          remote,
        };
        const kernelState = state ? readSmallInt(data, state) : 0;
        if (kernelState) event.state = tcpStateFromKernelNumber(kernelState);
        if (reason) {
          const code = readSmallInt(data, reason);
          event.reason = reasons?.get(code) ?? String(code);
        }
        return event;
      };
    }
    case 'tcp/tcp_receive_reset':
    case 'tcp/tcp_retransmit_synack': {
      const base = addressedDecoder(format);
      const kind = name === 'tcp/tcp_receive_reset' ? 'reset-received' : 'synack-retransmit';
      return (data, tNs, cpu) => {
        const b = base(data);
        return b ? { kind, tNs, cpu, ...b } : null;
      };
    }
    case 'tcp/tcp_retransmit_skb': {
      const base = addressedDecoder(format);
      const state = requireField(format, 'state');
      return (data, tNs, cpu) => {
        const b = base(data);
        if (!b) return null;
        return {
          kind: 'retransmit',
          tNs,
          cpu,
          ...b,
          state: tcpStateFromKernelNumber(readSmallInt(data, state)),
        };
      };
    }
  }
}
