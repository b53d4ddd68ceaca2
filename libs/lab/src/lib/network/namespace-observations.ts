/**
 * What the lab observes inside each learner's network namespace at fixed points of a
 * scenario: the SNMP counters (nstat's view) and a socket snapshot (ss's view), both read
 * in-process through labnet — /proc/self/net and a sock_diag dump while this thread is in
 * the namespace — instead of spawning `ip netns exec NS nstat` and `… ss`. A namespace
 * that cannot be read yields no observation rather than a failed run: the trace then
 * lacks that source, which the trace model records.
 */
import {
  readNetnsCounters,
  readNetnsTcpSockets,
  type DiagEndpoint,
  type DiagTcpSocket,
} from '@socklab/labnet';
import {
  tcpStateFromKernelNumber,
  type CounterSet,
  type SsAddress,
  type SsSnapshot,
  type SsSocket,
} from '@socklab/trace';
import type { LabNetwork } from './lab-network';

/** Counters of every learner host's namespace, by host name ({} when unreadable). */
export async function countersOf(network: LabNetwork): Promise<Record<string, CounterSet>> {
  const result: Record<string, CounterSet> = {};
  for (const slot of network.learners) {
    try {
      result[slot.host] = readNetnsCounters(slot.netns);
    } catch {
      result[slot.host] = {};
    }
  }
  return result;
}

/** One socket snapshot per learner namespace. */
export async function snapshots(network: LabNetwork): Promise<SsSnapshot[]> {
  const result: SsSnapshot[] = [];
  for (const slot of network.learners) {
    try {
      const tNs = process.hrtime.bigint();
      result.push({ tNs, netns: slot.netns, sockets: readNetnsTcpSockets(slot.netns).flatMap(toSsSocket) });
    } catch {
      // unreadable namespace: no ss observation for this host
    }
  }
  return result;
}

/** ss's state column (misc/ss.c sstate_name) by kernel state number. */
const SS_STATE_NAMES: Readonly<Record<number, string>> = {
  1: 'ESTAB',
  2: 'SYN-SENT',
  3: 'SYN-RECV',
  4: 'FIN-WAIT-1',
  5: 'FIN-WAIT-2',
  6: 'TIME-WAIT',
  7: 'UNCONN',
  8: 'CLOSE-WAIT',
  9: 'LAST-ACK',
  10: 'LISTEN',
  11: 'CLOSING',
  12: 'SYN-RECV',
};

/** ss's timer names (`-o`) by idiag_timer. */
const SS_TIMER_NAMES: Readonly<Record<number, string>> = {
  1: 'on',
  2: 'keepalive',
  3: 'timewait',
  4: 'persist',
};

/**
 * The record `ss -t -a -n -o -e` would have printed for this socket, as parseSsOutput
 * reads it; what ss needs further flags or a walk over every process for (owning
 * processes, memory, tcp_info, shutdown arrows) is left empty.
 */
function toSsSocket(socket: DiagTcpSocket): SsSocket[] {
  const state = tcpStateFromKernelNumber(socket.state);
  if (state === undefined) return [];
  const timerName = SS_TIMER_NAMES[socket.timer];
  return [
    {
      state,
      ssState: SS_STATE_NAMES[socket.state] ?? String(socket.state),
      recvQ: socket.recvQ,
      sendQ: socket.sendQ,
      local: ssAddress(socket.local, false),
      peer: ssAddress(socket.remote, true),
      processes: [],
      timer:
        timerName === undefined
          ? null
          : { name: timerName, expiresMs: socket.timerExpiresMs, retransmits: socket.retransmits },
      uid: socket.uid,
      inode: socket.inode,
      cookie: socket.cookie,
      shutdown: null,
      skmem: {},
      info: {},
    },
  ];
}

/** ss prints an unconnected peer as '*' (port null); a local address is printed as it is. */
function ssAddress(endpoint: DiagEndpoint, isPeer: boolean): SsAddress {
  const wildcard = endpoint.addr === '0.0.0.0' || endpoint.addr === '::';
  if (isPeer && wildcard && endpoint.port === 0) return { addr: '*', port: null };
  return { addr: endpoint.addr, port: endpoint.port };
}
