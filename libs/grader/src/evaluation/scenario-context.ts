/**
 * Everything the check evaluators ask of one scenario's evidence, computed once: which
 * hosts are learners, their addresses and processes, the segments counted once each, and
 * when the scenario ended.
 */
import type { ExerciseSpec, LearnerHost } from '@socklab/exercise';
import type { SourceStatus, Trace, TraceIcmpMessage, TracePacket, TraceUdpDatagram } from '@socklab/trace';
import type { ProcessOutcome, ScenarioEvidence } from '../api';
import { answersAfterEnd } from './answers-after-end';
import { labStopOf, programView } from './program-view';
import { senderSideIcmpMessages, senderSideUdpDatagrams } from './sender-side-datagrams';
import { senderSideSegments } from './sender-side-segments';

export type TraceSourceName = SourceStatus['source'];

export class ScenarioContext {
  /**
   * The program view of the recorded trace: without what followed the lab's stop of each
   * program (program-view.ts). Every check looks at this; `evidence.trace` is as recorded.
   */
  readonly trace: Trace;
  /** Sender-side segments in time order (see sender-side-segments.ts). */
  readonly segments: TracePacket[];
  /** UDP datagrams and ICMP messages, each counted once, in time order (sender-side-datagrams.ts). */
  readonly udpDatagrams: TraceUdpDatagram[];
  readonly icmpMessages: TraceIcmpMessage[];
  /** The latest instant anything was recorded: the scenario's end on the timeline. */
  readonly endTime: number;
  private readonly learnerNames: Set<string>;
  private readonly learnerAddresses: Set<string>;
  private answersAfterEndIndexes: Set<number> | null = null;

  constructor(
    readonly spec: ExerciseSpec,
    readonly evidence: ScenarioEvidence,
  ) {
    this.learnerNames = new Set(spec.hosts.learner.map((host) => host.name));
    this.trace = programView(evidence, [...this.learnerNames]);
    this.segments = senderSideSegments(this.trace);
    this.udpDatagrams = senderSideUdpDatagrams(this.trace);
    this.icmpMessages = senderSideIcmpMessages(this.trace);
    this.learnerAddresses = new Set(
      [...this.learnerNames].map((name) => evidence.hostAddresses[name]).filter((addr) => addr !== undefined),
    );
    this.endTime = latestRecordedTime(evidence);
  }

  /**
   * Whether a sender-side segment answers one that reached its sender after the connection
   * had ended there (answers-after-end.ts).
   */
  answersAfterEnd(packet: TracePacket): boolean {
    this.answersAfterEndIndexes ??= answersAfterEnd(this.trace.packets, this.segments);
    return this.answersAfterEndIndexes.has(packet.index);
  }

  get port(): number {
    return this.evidence.port;
  }

  resolvePort(port: number | '{port}'): number {
    return port === '{port}' ? this.evidence.port : port;
  }

  addressOf(host: string): string | undefined {
    return this.evidence.hostAddresses[host];
  }

  hostAt(addr: string): string | undefined {
    return Object.entries(this.evidence.hostAddresses).find(([, address]) => address === addr)?.[0];
  }

  isLearner(host: string): boolean {
    return this.learnerNames.has(host);
  }

  isLearnerAddress(addr: string): boolean {
    return this.learnerAddresses.has(addr);
  }

  learnerHost(name: string): LearnerHost | undefined {
    return this.spec.hosts.learner.find((host) => host.name === name);
  }

  /** The host's program runs in start order (a restart adds a run). */
  runsOf(host: string): ProcessOutcome[] {
    return this.evidence.processes
      .filter((run) => run.host === host)
      .sort((a, b) => a.startedAt - b.startedAt);
  }

  /** When the lab began stopping the run of `host` that was current at `t`; null when it did not. */
  labStopOf(host: string, t: number): number | null {
    return labStopOf(this.evidence.processes, host, t);
  }

  /**
   * The process ids whose system calls belong to `host`: its program's runs, plus the
   * processes and threads they created. strace follows children but does not say whose
   * child a pid is, so: when one learner host has runs in this scenario, every traced pid
   * is its; otherwise a pid belongs to the host whose address its sockets were bound to.
   */
  pidsOf(host: string): Set<number> {
    const pids = new Set(this.runsOf(host).map((run) => run.pid));
    const hostsWithRuns = new Set(this.evidence.processes.map((run) => run.host));
    if (hostsWithRuns.size === 1 && hostsWithRuns.has(host)) {
      for (const call of this.trace.syscalls) pids.add(call.pid);
      for (const event of this.trace.processEvents) pids.add(event.pid);
      return pids;
    }
    const address = this.addressOf(host);
    for (const call of this.trace.syscalls) if (call.socket?.local?.addr === address) pids.add(call.pid);
    return pids;
  }

  /** The status the trace gives a source, or 'absent' when the lab did not mention it. */
  sourceStatus(source: TraceSourceName): SourceStatus['status'] | 'absent' {
    return this.trace.sources.find((entry) => entry.source === source)?.status ?? 'absent';
  }

  sourceReason(source: TraceSourceName): string {
    const entry = this.trace.sources.find((candidate) => candidate.source === source);
    return entry?.reason ? ` (${entry.reason})` : '';
  }

  /** Which failed or timed-out step explains missing evidence, in words, if any. */
  failedStepSummary(): string | undefined {
    const step = this.evidence.steps.find(
      (candidate) => candidate.status === 'failed' || candidate.status === 'timeout',
    );
    if (!step) return undefined;
    const name = step.id ? `step "${step.id}"` : `step ${step.path} (${step.action})`;
    return `${name} ${step.status === 'timeout' ? 'timed out' : 'failed'}${step.message ? `: ${step.message}` : ''}`;
  }
}

function latestRecordedTime(evidence: ScenarioEvidence): number {
  const { trace } = evidence;
  let latest = 0;
  const see = (t: number): void => {
    if (t > latest) latest = t;
  };
  for (const step of evidence.steps) see(step.tEnd ?? step.tStart);
  for (const run of evidence.processes) see(run.exitedAt ?? run.startedAt);
  for (const packet of trace.packets) see(packet.t);
  for (const datagram of trace.udpDatagrams ?? []) see(datagram.t);
  for (const message of trace.icmpMessages ?? []) see(message.t);
  for (const call of trace.syscalls) see(call.tEnd ?? call.tStart);
  for (const event of trace.processEvents) see(event.t);
  for (const step of trace.steps) see(step.t);
  for (const connection of trace.connections) {
    for (const endpoint of connection.endpoints)
      for (const observation of endpoint.states) see(observation.t);
  }
  return latest;
}
