/**
 * What the program did, as opposed to what the lab's termination of it caused.
 *
 * At the end of a scenario (and at a restart step, the wall limit or a cancel) the lab
 * stops a learner program; the kernel then closes its sockets (FIN, or RST when data was
 * unread; RFC 9293 §3.6 and RFC 2525 §2.17), moves them through LAST_ACK, FIN_WAIT_1 or
 * CLOSED, and the program may run exit handlers. None of that is the program's own
 * behaviour: a server that never calls close() must not earn a close path because the
 * lab's SIGTERM closed its socket.
 *
 * The program view of a scenario's trace therefore leaves out, for every run the lab
 * stopped (ProcessOutcome.stoppedByLabAt = the instant it began stopping it):
 *  - the state observations of the run's sockets from that instant on;
 *  - the segments of those sockets' connections from that instant on, both directions
 *    (the peer's answers to a lab-caused FIN or RST are part of the aftermath);
 *  - the system calls and process events of the run's processes from that instant on.
 * A socket belongs to the run of its host that was current when the socket was first
 * observed, a system call to the run current when it started (the last run started by
 * then: a restart stops the old run before it starts the new one). Everything else is kept
 * as recorded; trace.json, the live view and the capture keep everything.
 */
import type { Trace, TraceSyscall } from '@socklab/trace';
import type { ProcessOutcome, ScenarioEvidence } from '../api';

/** The instant the lab began stopping the run of `host` current at `t`; null when it did not. */
export function labStopOf(processes: readonly ProcessOutcome[], host: string, t: number): number | null {
  let current: ProcessOutcome | undefined;
  for (const run of processes) {
    if (run.host !== host || run.startedAt > t) continue;
    if (current === undefined || run.startedAt >= current.startedAt) current = run;
  }
  return current?.stoppedByLabAt ?? null;
}

export function programView(evidence: ScenarioEvidence, learnerHosts: readonly string[]): Trace {
  const { trace, processes } = evidence;
  if (processes.every((run) => run.stoppedByLabAt === null)) return trace;
  const hostAtAddress = new Map<string, string>();
  for (const host of learnerHosts) {
    const address = evidence.hostAddresses[host];
    if (address !== undefined) hostAtAddress.set(address, host);
  }
  const cut = (host: string | undefined, t: number): number | null =>
    host === undefined ? null : labStopOf(processes, host, t);
  const before = (limit: number | null, t: number): boolean => limit === null || t < limit;

  /** Connection id → the earliest stop of a run owning one of its endpoints. */
  const connectionCut = new Map<string, number>();
  const connections = trace.connections.map((connection) => {
    const endpoints = connection.endpoints.map((endpoint) => {
      if (endpoint.states.length === 0) return endpoint;
      const opened = Math.min(...endpoint.states.map((observation) => observation.t));
      const limit = cut(hostAtAddress.get(endpoint.local.addr), opened);
      if (limit === null) return endpoint;
      connectionCut.set(connection.id, Math.min(limit, connectionCut.get(connection.id) ?? Infinity));
      return { ...endpoint, states: endpoint.states.filter((observation) => observation.t < limit) };
    }) as typeof connection.endpoints;
    return { ...connection, endpoints };
  });

  /** A segment or TCP event: by its connection's owner, or (unattributed) by the learner address it touches. */
  const keepOnWire = (connectionId: string | null, addresses: readonly string[], t: number): boolean => {
    if (connectionId !== null && trace.connections.some((connection) => connection.id === connectionId)) {
      return before(connectionCut.get(connectionId) ?? null, t);
    }
    return addresses.every((address) => before(cut(hostAtAddress.get(address), t), t));
  };

  const hostOfPid = pidOwners(trace.syscalls, processes, hostAtAddress);
  return {
    ...trace,
    connections,
    packets: trace.packets.filter((packet) =>
      keepOnWire(packet.connectionId, [packet.src.addr, packet.dst.addr], packet.t),
    ),
    tcpEvents: trace.tcpEvents.filter((event) => keepOnWire(event.connectionId, [event.local.addr], event.t)),
    syscalls: trace.syscalls.filter((call) => before(cut(hostOfPid(call.pid), call.tStart), call.tStart)),
    processEvents: trace.processEvents.filter((event) => before(cut(hostOfPid(event.pid), event.t), event.t)),
  };
}

/**
 * The learner host a traced pid belongs to. strace follows children and threads without
 * saying whose they are: with one learner host running programs every pid is its; else a
 * run's own pid, or the host whose address the pid's sockets were bound to.
 */
function pidOwners(
  syscalls: readonly TraceSyscall[],
  processes: readonly ProcessOutcome[],
  hostAtAddress: ReadonlyMap<string, string>,
): (pid: number) => string | undefined {
  const hostsWithRuns = [...new Set(processes.map((run) => run.host))];
  if (hostsWithRuns.length === 1) return () => hostsWithRuns[0];
  const owners = new Map<number, string>();
  for (const call of syscalls) {
    const host =
      call.socket?.local?.addr === undefined ? undefined : hostAtAddress.get(call.socket.local.addr);
    if (host !== undefined && !owners.has(call.pid)) owners.set(call.pid, host);
  }
  for (const run of processes) owners.set(run.pid, run.host);
  return (pid) => owners.get(pid);
}
