/**
 * State timelines, one per socket: a swimlane for each TCP state the socket was in, with
 * a bar for each stretch of time it spent there, and beside them the program's socket
 * calls on that socket from call to return (`connect()` called → returned). All sockets
 * of a scenario share one time axis, so they line up with each other.
 */
import type { ScenarioPicture, StateRecord, SyscallRecord, TcpStateName } from '../picture/picture';
import { preferredStates } from '../picture/state-history';

/** Lanes top to bottom in the order a connection's life passes through them. */
export const LANE_ORDER: readonly TcpStateName[] = [
  'LISTEN',
  'SYN_SENT',
  'SYN_RECEIVED',
  'ESTABLISHED',
  'FIN_WAIT_1',
  'FIN_WAIT_2',
  'CLOSING',
  'TIME_WAIT',
  'CLOSE_WAIT',
  'LAST_ACK',
  'CLOSED',
];

export interface StateInterval {
  startMs: number;
  /** Where the next state began, or the end of the axis for the last state. */
  endMs: number;
  /** The socket was still in this state when observation ended. */
  open: boolean;
}

export interface SwimLane {
  state: TcpStateName;
  intervals: StateInterval[];
}

export interface CallBar {
  name: string;
  startMs: number;
  /** Null when the call never returned. */
  endMs: number | null;
  failed: boolean;
  /** "connect() = 0", "write() = -1 EPIPE". */
  label: string;
}

export interface SocketTimeline {
  connectionId: string;
  endpoint: string;
  remote: string;
  lanes: SwimLane[];
  calls: CallBar[];
}

export interface Timelines {
  startMs: number;
  endMs: number;
  sockets: SocketTimeline[];
}

export function buildTimelines(picture: ScenarioPicture): Timelines {
  const states = preferredStates(picture.states);
  const times = [
    ...states.map((s) => s.timeMs),
    ...picture.segments.map((s) => s.timeMs),
    ...picture.syscalls.flatMap((c) => [c.startMs, c.endMs]).filter((t): t is number => t !== null),
  ];
  const startMs = times.length > 0 ? Math.min(...times) : 0;
  const endMs = times.length > 0 ? Math.max(...times) : 0;

  const sockets: SocketTimeline[] = [];
  for (const connection of picture.connections) {
    for (const [i, endpoint] of connection.endpoints.entries()) {
      const remote = connection.endpoints[1 - i];
      const own = states.filter((s) => s.connectionId === connection.id && s.endpoint === endpoint);
      const calls = picture.syscalls.filter((c) => callIsOnSocket(c, endpoint, remote)).map(callBar);
      if (own.length === 0 && calls.length === 0) continue;
      sockets.push({ connectionId: connection.id, endpoint, remote, lanes: lanesOf(own, endMs), calls });
    }
  }
  return { startMs, endMs, sockets };
}

function lanesOf(states: readonly StateRecord[], axisEndMs: number): SwimLane[] {
  const lanes = new Map<TcpStateName, StateInterval[]>();
  states.forEach((state, i) => {
    const next = states[i + 1];
    const interval = {
      startMs: state.timeMs,
      endMs: next ? next.timeMs : Math.max(axisEndMs, state.timeMs),
      open: next === undefined,
    };
    const list = lanes.get(state.state);
    if (list) list.push(interval);
    else lanes.set(state.state, [interval]);
  });
  return LANE_ORDER.filter((state) => lanes.has(state)).map((state) => ({
    state,
    intervals: lanes.get(state) ?? [],
  }));
}

/** A call belongs to the socket whose local address it used (or, before bind, whose peer it named). */
function callIsOnSocket(call: SyscallRecord, endpoint: string, remote: string): boolean {
  if (call.startMs === null) return false;
  if (call.local !== undefined) return call.local === endpoint && (call.remote === undefined || call.remote === remote);
  return call.remote === remote;
}

function callBar(call: SyscallRecord): CallBar {
  const failed = call.errno !== null;
  const result = call.ret === null ? '?' : call.ret;
  return {
    name: call.name,
    startMs: call.startMs ?? 0,
    endMs: call.endMs,
    failed,
    label: `${call.name}() = ${result}${failed ? ` ${call.errno}` : ''}`,
  };
}
