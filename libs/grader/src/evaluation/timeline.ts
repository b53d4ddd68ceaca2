/**
 * Points on a scenario's timeline (TimelineEvent in the exercise spec), for timing checks
 * and packet windows. Each resolves to the instant of its first or last occurrence:
 *  - packet: a sender-side segment, UDP datagram or ICMP message matching the pattern;
 *  - state: a selected socket entering the state;
 *  - process started/exited: a run of the host's program starting/ending on its own (an
 *    exit the lab caused by stopping the run is not the program's);
 *    ready: per the host's readiness (started; its first successful listen(); or the line);
 *    printed: the write to stdout that completed a line matching the regex;
 *  - syscall: a matching call returning (see syscall-names.ts);
 *  - step: the step with that id finishing;
 *  - scenario start: the first step's start (0 without steps); end: the last recorded instant.
 */
import type { TimelineEvent } from '@socklab/exercise';
import type { EvidenceRef } from '../api';
import { describePattern, matchingPackets, packetRef } from './packet-pattern';
import type { ScenarioContext } from './scenario-context';
import { describeSelector, selectSockets } from './sockets';
import { printedLines } from './stdout-lines';
import { callMatchesName } from './syscall-names';

export interface Occurrence {
  t: number;
  evidence: EvidenceRef[];
}

export interface ResolvedEvent {
  /** In words: "the first FIN segments sent to your program's host". */
  description: string;
  occurrence: Occurrence | null;
  /** Set when the instant cannot be known from the recorded evidence (not the learner's doing). */
  unavailable?: string;
}

type On = TimelineEvent['on'];

export function resolveEvent(event: TimelineEvent, context: ScenarioContext): ResolvedEvent {
  const candidates = occurrencesOf(event.on, context);
  const repeatable = event.on.kind !== 'step' && event.on.kind !== 'scenario';
  const article = !repeatable ? 'the' : event.occurrence === 'last' ? 'the last' : 'the first';
  const description = `${article} ${describeOn(event.on, context)}`;
  if ('unavailable' in candidates)
    return { description, occurrence: null, unavailable: candidates.unavailable };
  const sorted = [...candidates].sort((a, b) => a.t - b.t);
  const occurrence = (event.occurrence === 'last' ? sorted[sorted.length - 1] : sorted[0]) ?? null;
  return { description, occurrence };
}

function occurrencesOf(on: On, context: ScenarioContext): Occurrence[] | { unavailable: string } {
  switch (on.kind) {
    case 'packet':
      return matchingPackets(on, context).map((packet) => ({ t: packet.t, evidence: [packetRef(packet)] }));
    case 'state':
      return selectSockets(context, on).flatMap((socket) =>
        socket.history
          .filter((step) => step.state === on.reach)
          .map((step) => ({
            t: step.t,
            evidence: [
              {
                kind: 'state' as const,
                connectionId: socket.connectionId,
                endpoint: socket.endpoint,
                state: step.state,
                t: step.t,
              },
            ],
          })),
      );
    case 'process':
      return processOccurrences(on, context);
    case 'syscall': {
      const pids = context.pidsOf(on.host);
      return context.trace.syscalls
        .filter(
          (call) =>
            pids.has(call.pid) &&
            callMatchesName(call, on.name) &&
            (on.errno === undefined || call.errno === on.errno),
        )
        .map((call) => ({
          t: call.tEnd ?? call.tStart,
          evidence: [{ kind: 'syscall' as const, pid: call.pid, name: call.name, t: call.tStart }],
        }));
    }
    case 'step':
      return context.evidence.steps
        .filter((step) => step.id === on.id && step.tEnd !== null && step.status === 'done')
        .map((step) => ({ t: step.tEnd as number, evidence: [{ kind: 'step' as const, path: step.path }] }));
    case 'scenario': {
      const start = Math.min(...context.evidence.steps.map((step) => step.tStart), context.endTime);
      return [
        {
          t: on.at === 'start' ? (context.evidence.steps.length > 0 ? start : 0) : context.endTime,
          evidence: [],
        },
      ];
    }
  }
}

type ProcessOn = Extract<On, { kind: 'process' }>;

function processOccurrences(on: ProcessOn, context: ScenarioContext): Occurrence[] | { unavailable: string } {
  const runs = context.runsOf(on.host);
  const ref = (pid: number): EvidenceRef[] => [{ kind: 'process', host: on.host, pid }];
  if (on.started) return runs.map((run) => ({ t: run.startedAt, evidence: ref(run.pid) }));
  if (on.exited) {
    return runs
      .filter((run) => run.exitedAt !== null && run.stoppedByLabAt === null)
      .map((run) => ({ t: run.exitedAt as number, evidence: ref(run.pid) }));
  }
  const readiness = context.learnerHost(on.host)?.ready;
  if (on.ready && (readiness === undefined || readiness.kind === 'started')) {
    return runs.map((run) => ({ t: run.startedAt, evidence: ref(run.pid) }));
  }
  if (on.ready && readiness?.kind === 'listen') {
    const port = context.resolvePort(readiness.port);
    return selectSockets(context, { host: on.host, role: 'listener', port }).map((socket) => ({
      t: socket.openedAt,
      evidence: [
        {
          kind: 'state',
          connectionId: socket.connectionId,
          endpoint: socket.endpoint,
          state: 'LISTEN',
          t: socket.openedAt,
        },
      ],
    }));
  }
  const pattern = new RegExp(on.printed ?? (readiness?.kind === 'output' ? readiness.pattern : ''));
  const lines = printedLines(context, on.host);
  const matching = lines.filter((line) => pattern.test(line.text));
  const printedSomewhere = runs.some((run) => run.stdout.split('\n').some((line) => pattern.test(line)));
  if (matching.length === 0 && printedSomewhere) {
    return {
      unavailable: `the program printed a line matching /${pattern.source}/, but no write() to stdout was traced, so its time is unknown`,
    };
  }
  return matching.map((line) => ({ t: line.t, evidence: ref(line.pid) }));
}

function describeOn(on: On, context: ScenarioContext): string {
  switch (on.kind) {
    case 'packet':
      return describePattern(on, true);
    case 'state':
      return `moment ${describeSelector(on, context)} reached ${on.reach}`;
    case 'process':
      if (on.started) return `start of the ${on.host} program`;
      if (on.exited) return `exit of the ${on.host} program`;
      if (on.ready) return `moment the ${on.host} program was ready`;
      return `line the ${on.host} program printed on stdout matching /${on.printed}/`;
    case 'syscall':
      return `${on.name}() call of the ${on.host} program${on.errno ? ` failing with ${on.errno}` : ''}`;
    case 'step':
      return `end of step "${on.id}"`;
    case 'scenario':
      return on.at === 'start' ? 'start of the scenario' : 'end of the scenario';
  }
}
