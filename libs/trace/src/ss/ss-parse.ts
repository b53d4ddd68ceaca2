/**
 * Parser for `ss -H -t -a -n -o -e -m -p -i` (iproute2, sock_diag): one socket per entry,
 * continuation lines (skmem, tcp_info) start with whitespace. States are mapped onto the
 * RFC 9293 vocabulary; a TIME-WAIT row is the kernel's timewait mini-socket, which the
 * inet_sock_set_state tracepoint never reports — ss is the only kernel-side witness of it.
 */
import { TraceError } from '../errors';
import { tcpStateFromKernelName, type TcpState } from '../model/tcp-state';

export interface SsAddress {
  /** IPv4 dotted quad (IPv4-mapped IPv6 is unwrapped), IPv6 text, or '*' / '0.0.0.0'. */
  addr: string;
  /** null for '*' (unconnected peer of a listener). */
  port: number | null;
}

export interface SsTimer {
  /** 'on' (retransmit), 'keepalive', 'timewait', 'persist', 'unknown'. */
  name: string;
  expiresMs: number;
  retransmits: number;
}

export interface SsSocket {
  state: TcpState;
  /** The state as ss printed it, e.g. 'FIN-WAIT-2', 'ESTAB'. */
  ssState: string;
  /** LISTEN: current accept-queue length; otherwise bytes not yet read by the application. */
  recvQ: number;
  /** LISTEN: accept-queue limit (backlog); otherwise bytes not yet acknowledged by the peer. */
  sendQ: number;
  local: SsAddress;
  peer: SsAddress;
  processes: Array<{ name: string; pid: number; fd: number }>;
  timer: SsTimer | null;
  uid: number | null;
  inode: number | null;
  /** ss's socket cookie (hex), when printed. */
  cookie: string | null;
  /** Shutdown arrows: '<->' open both ways, '-->' we can still send (SHUT_RD), '<--' SHUT_WR done, '---' both. */
  shutdown: string | null;
  skmem: Record<string, number>;
  /** tcp_info fields as printed (rto, rtt, cwnd, mss, bytes_received, …). */
  info: Record<string, string>;
}

const TIME_UNITS: Record<string, number> = { ms: 1, sec: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/** '59sec', '1min2sec', '200ms', '1.5sec' → milliseconds. */
export function parseSsDuration(text: string): number {
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|sec|min|h|d)/g)) total += Number(m[1]) * TIME_UNITS[m[2]];
  return Math.round(total);
}

export function parseSsAddress(text: string): SsAddress {
  const m = /^(?:\[([^\]]+)\]|(.*?))(?:%\S+?)?:(\*|\d+)$/.exec(text);
  if (!m)
    throw new TraceError('trace/ss-parse', `ss printed an address I cannot read: ${JSON.stringify(text)}`);
  let addr = m[1] ?? m[2];
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(addr);
  if (mapped) addr = mapped[1];
  return { addr, port: m[3] === '*' ? null : Number(m[3]) };
}

function parseMain(line: string): SsSocket {
  const cols = line.trim().split(/\s+/);
  if (cols.length < 5)
    throw new TraceError('trace/ss-parse', `ss line has fewer than 5 columns: ${JSON.stringify(line)}`);
  const [ssState, recvQ, sendQ, local, peer, ...rest] = cols;
  const state = tcpStateFromKernelName(ssState);
  if (!state) throw new TraceError('trace/ss-parse', `unknown ss state ${JSON.stringify(ssState)}`);
  const socket: SsSocket = {
    state,
    ssState,
    recvQ: Number(recvQ),
    sendQ: Number(sendQ),
    local: parseSsAddress(local),
    peer: parseSsAddress(peer),
    processes: [],
    timer: null,
    uid: null,
    inode: null,
    cookie: null,
    shutdown: null,
    skmem: {},
    info: {},
  };
  const tail = rest.join(' ');
  for (const p of tail.matchAll(/\("([^"]*)",pid=(\d+),fd=(\d+)\)/g)) {
    socket.processes.push({ name: p[1], pid: Number(p[2]), fd: Number(p[3]) });
  }
  const timer = /timer:\((\w+),([^,)]+),(\d+)\)/.exec(tail);
  if (timer)
    socket.timer = { name: timer[1], expiresMs: parseSsDuration(timer[2]), retransmits: Number(timer[3]) };
  const uid = /\buid:(\d+)/.exec(tail);
  if (uid) socket.uid = Number(uid[1]);
  const ino = /\bino:(\d+)/.exec(tail);
  if (ino) socket.inode = Number(ino[1]);
  const sk = /\bsk:([0-9a-f]+)/.exec(tail);
  if (sk) socket.cookie = sk[1];
  const arrow = /(?:^|\s)(<->|-->|<--|---)(?:\s|$)/.exec(tail);
  if (arrow) socket.shutdown = arrow[1];
  return socket;
}

function parseDetails(socket: SsSocket, line: string): void {
  const skmem = /skmem:\(([^)]*)\)/.exec(line);
  if (skmem) {
    for (const part of skmem[1].split(',')) {
      const m = /^([a-z]+)(\d+)$/.exec(part);
      if (m) socket.skmem[m[1]] = Number(m[2]);
    }
  }
  const rest = line.replace(/skmem:\([^)]*\)/, '');
  for (const m of rest.matchAll(/(?:^|\s)([a-z_]+):(\S+)/g)) socket.info[m[1]] = m[2];
}

export function parseSsOutput(text: string): SsSocket[] {
  const sockets: SsSocket[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if (/^\s/.test(line)) {
      const current = sockets.at(-1);
      if (current) parseDetails(current, line);
      continue;
    }
    if (/^State\s+Recv-Q/.test(line)) continue;
    sockets.push(parseMain(line));
  }
  return sockets;
}
