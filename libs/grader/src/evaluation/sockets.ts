/**
 * The sockets a check talks about. A socket is one endpoint of a traced connection whose
 * local address is the host's address in this scenario, with the role it played:
 *  - listener: an endpoint with no peer (unspecified remote) or that was only ever LISTEN;
 *    when the trace has none for the host, the listen() calls of its processes stand in;
 *  - connected: the active opener (its path has SYN_SENT; else endpoints[0]);
 *  - accepted: the passive opener (its path has LISTEN or SYN_RECEIVED; else endpoints[1]).
 * `port` names the service port: the local port of listeners and accepted sockets, the
 * remote port of connected ones (a client's own port is ephemeral); without a role, either.
 * `nth` counts from 1 in the order the sockets first appear on the timeline.
 */
import type { SocketSelector } from '@socklab/exercise';
import type { SocketAddress } from '@socklab/trace';
import type { EvidenceRef } from '../api';
import { listenersFromSyscalls } from './listeners-from-syscalls';
import type { ScenarioContext } from './scenario-context';
import { mergeStateHistory, type StateStep } from './state-history';

export type SocketRole = 'listener' | 'accepted' | 'connected';

export interface TracedSocket {
  /** The trace connection id, or `listen:<pid>:<fd>` for a listener known from system calls. */
  connectionId: string;
  /** "10.0.0.2:8080" */
  endpoint: string;
  host: string;
  local: SocketAddress;
  remote: SocketAddress | null;
  role: SocketRole;
  history: StateStep[];
  openedAt: number;
  /** When the lab began stopping the program run this socket belonged to (its history ends there). */
  stoppedByLabAt: number | null;
}

const UNSPECIFIED = '0.0.0.0';

export function socketsOf(context: ScenarioContext, host: string): TracedSocket[] {
  const address = context.addressOf(host);
  if (address === undefined) return [];
  const sockets: TracedSocket[] = [];
  for (const connection of context.trace.connections) {
    connection.endpoints.forEach((endpoint, index) => {
      if (endpoint.local.addr !== address) return;
      const peer = connection.endpoints[1 - index].local;
      const history = mergeStateHistory(endpoint.states);
      if (history.length === 0) return;
      const remote = peer.addr === UNSPECIFIED || peer.port === 0 ? null : peer;
      sockets.push({
        connectionId: connection.id,
        endpoint: `${endpoint.local.addr}:${endpoint.local.port}`,
        host,
        local: endpoint.local,
        remote,
        role: roleOf(history, remote, index),
        history,
        openedAt: history[0].t,
        stoppedByLabAt: context.labStopOf(host, history[0].t),
      });
    });
  }
  if (!sockets.some((socket) => socket.role === 'listener')) {
    for (const listener of listenersFromSyscalls(context, host)) {
      const local = { addr: address, port: listener.port ?? 0 };
      sockets.push({
        connectionId: `listen:${listener.pid}:${listener.fd}`,
        endpoint: `${address}:${listener.port ?? '?'}`,
        host,
        local,
        remote: null,
        role: 'listener',
        history: listener.history,
        openedAt: listener.history[0].t,
        stoppedByLabAt: context.labStopOf(host, listener.history[0].t),
      });
    }
  }
  return sockets.sort((a, b) => a.openedAt - b.openedAt);
}

export function selectSockets(context: ScenarioContext, selector: SocketSelector): TracedSocket[] {
  const port = selector.port === undefined ? undefined : context.resolvePort(selector.port);
  const chosen = socketsOf(context, selector.host).filter(
    (socket) =>
      (selector.role === undefined || socket.role === selector.role) &&
      (port === undefined || servicePortMatches(socket, port, selector.role)),
  );
  if (selector.nth === undefined) return chosen;
  const nth = chosen[selector.nth - 1];
  return nth ? [nth] : [];
}

/** "the server's 2nd accepted socket on port 8080"; `plural`: "the server's accepted sockets …". */
export function describeSelector(selector: SocketSelector, context: ScenarioContext, plural = false): string {
  const noun = plural && selector.nth === undefined ? 'sockets' : 'socket';
  const role = selector.role ? `${selector.role} ${noun}` : noun;
  const port = selector.port === undefined ? '' : ` on port ${context.resolvePort(selector.port)}`;
  const nth = selector.nth === undefined ? '' : `${ordinal(selector.nth)} `;
  return `the ${selector.host}'s ${nth}${role}${port}`;
}

/** Until when the socket's history speaks for the program, in words: "the lab stopped the program at t=…". */
export function observationEnd(socket: TracedSocket, context: ScenarioContext): { t: number; words: string } {
  return socket.stoppedByLabAt === null
    ? { t: context.endTime, words: 'the run ended' }
    : { t: socket.stoppedByLabAt, words: 'the lab stopped the program' };
}

export function stateRefs(socket: TracedSocket): EvidenceRef[] {
  return socket.history.map((step) => ({
    kind: 'state' as const,
    connectionId: socket.connectionId,
    endpoint: socket.endpoint,
    state: step.state,
    t: step.t,
  }));
}

function roleOf(history: readonly StateStep[], remote: SocketAddress | null, index: number): SocketRole {
  const states = new Set(history.map((step) => step.state));
  if (remote === null || [...states].every((state) => state === 'LISTEN' || state === 'CLOSED')) {
    if (states.has('LISTEN') || remote === null) return 'listener';
  }
  if (states.has('SYN_SENT')) return 'connected';
  if (states.has('LISTEN') || states.has('SYN_RECEIVED')) return 'accepted';
  return index === 0 ? 'connected' : 'accepted';
}

function servicePortMatches(socket: TracedSocket, port: number, role: SocketRole | undefined): boolean {
  if (role === 'connected') return socket.remote?.port === port;
  if (role === undefined) return socket.local.port === port || socket.remote?.port === port;
  return socket.local.port === port;
}

export function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
