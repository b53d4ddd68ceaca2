/**
 * What the run views draw: one scenario's segments, socket states and socket calls, in
 * a shape both sources fill — the live LabEvent stream (live-picture.ts) while the run
 * goes on, and trace.json (trace-picture.ts) once it is stored.
 *
 * `order` sorts records of one scenario into the sequence they happened in (the event's
 * `t` when live, trace nanoseconds otherwise); `timeMs` is what a person reads.
 */
import type { LabEventOf } from '@socklab/contracts';

export type TcpFlag = NonNullable<LabEventOf<'packet'>['tcp']>['flags'][number];
export type TcpStateName = LabEventOf<'state'>['to'];
export type StateSource = LabEventOf<'state'>['source'];
export type Impairment = 'dropped' | 'delayed' | 'reordered' | 'duplicated' | 'corrupted';

/** One TCP segment as captured. `src`/`dst` are "addr:port". */
export interface SegmentRecord {
  /** Frame index in the scenario's capture (what report evidence points at). */
  index: number;
  order: number;
  timeMs: number;
  connectionId: string;
  src: string;
  dst: string;
  flags: readonly TcpFlag[];
  /** As captured: absolute (live) or already relative to the sender's ISN (trace). */
  seq: number;
  /** Null when the ACK flag is off. */
  ack: number | null;
  len: number;
  window: number;
  impairment?: Impairment;
}

/** A socket entered `state`. `endpoint` is the socket's own "addr:port". */
export interface StateRecord {
  order: number;
  timeMs: number;
  connectionId: string;
  endpoint: string;
  state: TcpStateName;
  source: StateSource;
  cause?: string;
}

/** A socket system call of the learner's program. */
export interface SyscallRecord {
  order: number;
  pid: number;
  name: string;
  args: string;
  ret: string | null;
  errno: string | null;
  /** Called at; null when only the moment it was reported is known (live). */
  startMs: number | null;
  /** Returned at; null if it never returned or the time is unknown. */
  endMs: number | null;
  /** The socket's own and remote "addr:port", when known. */
  local?: string;
  remote?: string;
}

export interface ConnectionRecord {
  id: string;
  /** The two sockets, the active opener (first SYN) first when known. */
  endpoints: [string, string];
}

/** What kind of host an address belongs to, and its name when known. */
export interface HostLabel {
  name: string | null;
  role: 'learner' | 'peer' | null;
}

export interface ScenarioPicture {
  /** The exercise's scenario id, or "scenario-<n>" when not known yet (live). */
  id: string;
  title: string | null;
  connections: ConnectionRecord[];
  segments: SegmentRecord[];
  states: StateRecord[];
  syscalls: SyscallRecord[];
  /** Keyed by IPv4 address. */
  hosts: Record<string, HostLabel>;
}

export const addressOf = (endpoint: string): string => endpoint.slice(0, endpoint.lastIndexOf(':'));
