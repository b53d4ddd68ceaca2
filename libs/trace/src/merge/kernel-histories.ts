/**
 * Turns kernel state-change events into per-socket state paths keyed by 4-tuple.
 * Two kernel facts shape this (net/ipv4/tcp_ipv4.c, inet_connection_sock.c):
 *  - tcp_v4_connect() enters SYN_SENT before choosing the source port, so that event has
 *    sport 0: its 4-tuple is taken from later events of the same `sk`;
 *  - a passive open is two sockets: the request socket (LISTEN → SYN_RECV) and the child
 *    created on the handshake's ACK (SYN_RECV → ESTABLISHED …); the 4-tuple joins them.
 */
import type { KernelEvent, KernelStateChange } from '../kernel/kernel-events';
import type { SocketAddress } from '../model/trace-schema';
import type { TcpState } from '../model/tcp-state';

export interface KernelSocketHistory {
  local: SocketAddress;
  remote: SocketAddress;
  path: Array<{ tNs: bigint; state: TcpState; cause: string }>;
}

export function kernelHistories(events: readonly KernelEvent[]): KernelSocketHistory[] {
  const states = events.filter((e): e is KernelStateChange => e.kind === 'state');
  const tupleBySk = new Map<string, { local: SocketAddress; remote: SocketAddress }>();
  for (const e of states)
    if (e.local.port !== 0 && e.remote.port !== 0) tupleBySk.set(e.sk, { local: e.local, remote: e.remote });

  const open = new Map<string, KernelSocketHistory>();
  const histories: KernelSocketHistory[] = [];
  for (const e of states) {
    const tuple =
      e.local.port !== 0 && e.remote.port !== 0 ? { local: e.local, remote: e.remote } : tupleBySk.get(e.sk);
    if (!tuple) continue; // listeners and sockets that never got a peer
    const key = `${tuple.local.addr}:${tuple.local.port}>${tuple.remote.addr}:${tuple.remote.port}`;
    let history = open.get(key);
    if (!history || history.path[history.path.length - 1].state === 'CLOSED') {
      history = { ...tuple, path: [{ tNs: e.tNs, state: e.from, cause: 'before first event' }] };
      open.set(key, history);
      histories.push(history);
    }
    history.path.push({ tNs: e.tNs, state: e.to, cause: `tcp_set_state ${e.fromKernel}→${e.toKernel}` });
  }
  return histories;
}
