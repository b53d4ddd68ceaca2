/**
 * TCP socket dumps through sock_diag (sock_diag(7); linux/inet_diag.h), what `ss -t -a -n`
 * asks the kernel for: one SOCK_DIAG_BY_FAMILY dump request per address family, answered
 * with a struct inet_diag_msg per socket, TIME-WAIT and request (SYN-RECV) sockets included.
 */
import { netlinkMessage, NLM_F_DUMP, NLM_F_REQUEST } from './rtnetlink-message';

export const SOCK_DIAG_BY_FAMILY = 20;
export const AF_INET = 2;
export const AF_INET6 = 10;
const IPPROTO_TCP = 6;
/** Every TCP state bit, 1 << TCP_ESTABLISHED … 1 << TCP_NEW_SYN_RECV (include/net/tcp_states.h). */
const ALL_TCP_STATES = 0x1ffe;
const INET_DIAG_MSG_BYTES = 72;

export interface DiagEndpoint {
  /** Dotted quad for IPv4 and IPv4-mapped IPv6 (::ffff:a.b.c.d), else IPv6 text. */
  readonly addr: string;
  readonly port: number;
}

/** One struct inet_diag_msg, decoded. Queues as ss prints them (for LISTEN: accept queue, backlog). */
export interface DiagTcpSocket {
  readonly family: number;
  /** Kernel state number (TCP_ESTABLISHED = 1 … TCP_NEW_SYN_RECV = 12). */
  readonly state: number;
  readonly local: DiagEndpoint;
  readonly remote: DiagEndpoint;
  readonly recvQ: number;
  readonly sendQ: number;
  /** idiag_timer: 0 none, 1 retransmit, 2 keepalive, 3 TIME-WAIT, 4 zero-window probe. */
  readonly timer: number;
  readonly timerExpiresMs: number;
  readonly retransmits: number;
  readonly uid: number;
  readonly inode: number;
  /** The socket cookie as ss prints it (hex). */
  readonly cookie: string;
}

/** struct inet_diag_req_v2 for every TCP socket of `family`. */
export function tcpDumpRequest(seq: number, family: number): Uint8Array {
  const request = new Uint8Array(56);
  const view = new DataView(request.buffer);
  view.setUint8(0, family);
  view.setUint8(1, IPPROTO_TCP);
  view.setUint32(4, ALL_TCP_STATES, true);
  return netlinkMessage(SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST | NLM_F_DUMP, seq, request, []);
}

/** Decodes one answer message's payload (a struct inet_diag_msg and attributes); null if short. */
export function parseInetDiagMsg(payload: Uint8Array): DiagTcpSocket | null {
  if (payload.byteLength < INET_DIAG_MSG_BYTES) return null;
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const family = view.getUint8(0);
  const cookie = view.getUint32(44, true) + view.getUint32(48, true) * 2 ** 32;
  return {
    family,
    state: view.getUint8(1),
    local: endpoint(family, payload.subarray(8, 24), view.getUint16(4, false)),
    remote: endpoint(family, payload.subarray(24, 40), view.getUint16(6, false)),
    timer: view.getUint8(2),
    retransmits: view.getUint8(3),
    timerExpiresMs: view.getUint32(52, true),
    recvQ: view.getUint32(56, true),
    sendQ: view.getUint32(60, true),
    uid: view.getUint32(64, true),
    inode: view.getUint32(68, true),
    cookie: cookie.toString(16),
  };
}

function endpoint(family: number, address: Uint8Array, port: number): DiagEndpoint {
  if (family === AF_INET) return { addr: address.subarray(0, 4).join('.'), port };
  const mapped =
    address.subarray(0, 10).every((byte) => byte === 0) && address[10] === 0xff && address[11] === 0xff;
  if (mapped) return { addr: address.subarray(12, 16).join('.'), port };
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((address[i] << 8) | address[i + 1]).toString(16));
  return { addr: compressIpv6(groups), port };
}

/** RFC 5952 §4.2: the longest run of two or more zero groups becomes '::'. */
function compressIpv6(groups: string[]): string {
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < groups.length;) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === '0') j++;
    if (j - i > bestLength && j - i >= 2) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  if (bestStart < 0) return groups.join(':');
  return `${groups.slice(0, bestStart).join(':')}::${groups.slice(bestStart + bestLength).join(':')}`;
}
