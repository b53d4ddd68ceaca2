/** What the step interpreter needs from the scenario it runs in. */
import type { ScriptedPeer, PeerListener } from '@socklab/netstack';
import type { StepOutcome } from '@socklab/grader';
import type { InstalledImpairment } from '../network/impairments';
import type { ChangeBus } from './change-bus';
import type { ConnectionRecord } from './connection-record';
import type { LiveCounters } from './live-counters';
import type { SocketBook } from './socket-book';
import type { UdpSocketRecord } from './udp-socket-record';

export interface ProcessView {
  started: boolean;
  ready: boolean;
  exited: boolean;
  stdout: string;
}

/** Learner program control for `start`, `signal`, `restart`, `waitExit` steps. */
export interface LearnerControl {
  /** Starts the host's program; resolves null once ready, else why it is not. */
  start(host: string, timeoutMs: number): Promise<string | null>;
  signal(host: string, signal: NodeJS.Signals): Promise<void>;
  /**
   * The lab ends the host's current program with `signal` (a restart): unlike `signal`, what
   * follows is recorded as the lab's doing (ProcessOutcome.stoppedByLabAt), not the program's.
   */
  terminate(host: string, signal: NodeJS.Signals): Promise<void>;
  /** Resolves true once the host's current program has exited, false after `timeoutMs`. */
  waitExit(host: string, timeoutMs: number): Promise<boolean>;
  view(host: string): ProcessView;
}

export interface StepContext {
  port: number;
  seed: number;
  peer(name: string): ScriptedPeer | undefined;
  /** IPv4 address of a host (learner or peer). */
  addressOf(host: string): string | undefined;
  connections: Map<string, ConnectionRecord>;
  listeners: Map<string, PeerListener>;
  /** Peer UDP sockets by the names udpBind gave them. */
  udpSockets: Map<string, UdpSocketRecord>;
  impairments: Map<string, InstalledImpairment>;
  learners: LearnerControl;
  sockets: SocketBook;
  /** Capture counters so far, for `when: {counter}`. */
  counters: LiveCounters;
  bus: ChangeBus;
  /** Rejects when the scenario must stop: its wall budget ran out or the run was cancelled. */
  stop: Promise<never>;
  /** Step ids that are done (for `when: {step}` triggers). */
  doneSteps: Set<string>;
  outcomes: StepOutcome[];
  /** ns since the trace origin. */
  now(): number;
  /** Writes a step marker into the capture (note) and the trace's steps. */
  mark(text: string, detail?: string): void;
}
