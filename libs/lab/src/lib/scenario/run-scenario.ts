/**
 * One scenario from fresh network to evidence:
 *   capture + network (switch, TAPs in the learner netns, peers) → kernel tracepoints,
 *   nstat before → impairments → learner programs started and ready → steps (bounded by
 *   the exercise's wall budget) → settle → ss snapshot, nstat after → programs stopped →
 *   trace merged → capture closed.
 * Teardown always runs (also on abort and infrastructure failure) and leaves nothing.
 */
import { readFile, writeFile, chown } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExerciseSpec, Scenario, Toolchain } from '@socklab/exercise';
import type { SandboxDriver } from '@socklab/sandbox';
import {
  buildTrace,
  diffCounters,
  parseStrace,
  type ClockPair,
  type NetstackTransitionInput,
  type StraceParseResult,
  type Trace,
} from '@socklab/trace';
import { whenAborted } from '../abort';
import { LabError, describe } from '../errors';
import { contractConnectionId, contractState, type LabEventSequencer } from '../events';
import type { ScenarioEvidence, StepOutcome } from '@socklab/grader';
import { SANDBOX_UID } from '../build/workspace';
import { runLimits } from '../limits';
import { CaptureRecorder } from '../network/capture-recorder';
import { installImpairments } from '../network/impairments';
import { LabNetwork } from '../network/lab-network';
import { countersOf, snapshots } from '../network/namespace-observations';
import { ChangeBus } from '../steps/change-bus';
import type { ConnectionRecord } from '../steps/connection-record';
import { generateBytes } from '../steps/generated-bytes';
import { StepInterpreter } from '../steps/interpreter';
import { LiveCounters } from '../steps/live-counters';
import { SocketBook } from '../steps/socket-book';
import { KernelTrace } from './kernel-trace';
import { LearnerHosts } from './learner-hosts';
import { LiveSyscalls } from './live-syscalls';

export interface ScenarioInput {
  spec: ExerciseSpec;
  scenario: Scenario;
  scenarioIndex: number;
  toolchain: Toolchain;
  driver: SandboxDriver;
  jobId: string;
  /** Short hash of the job id for names with a length limit (TAPs: 15 characters). */
  jobHash: string;
  workDir: string;
  capturePath: string;
  seed: number;
  clock: ClockPair;
  events: LabEventSequencer;
  signal?: AbortSignal;
}

export interface ScenarioResult {
  evidence: ScenarioEvidence;
  /** Teardown problems (resources that could not be removed): infrastructure errors. */
  teardownFailures: string[];
}

export async function runScenario(input: ScenarioInput): Promise<ScenarioResult> {
  const { spec, scenario, events } = input;
  const originNs = process.hrtime.bigint();
  const rel = (ns: bigint): number => Number(ns - originNs);
  const bus = new ChangeBus();
  const notify = (): void => bus.notify();
  const sockets = new SocketBook();
  const netstack: NetstackTransitionInput[] = [];
  const marks: { tNs: bigint; name: string; detail?: string }[] = [];
  const port = servicePort(input.seed, input.scenarioIndex);
  const learnerHosts = spec.hosts.learner;
  const sandboxJobIdOf = (host: string): string =>
    `${input.jobId}-s${input.scenarioIndex}-${learnerHosts.findIndex((h) => h.name === host)}`;

  const teardownFailures: string[] = [];
  const capture = await CaptureRecorder.open(input.capturePath, {
    clock: input.clock,
    events,
    comments: [`exercise ${spec.metadata.id}`, `scenario ${scenario.id}`, `job ${input.jobId}`],
    onFrame: notify,
  });
  let network: LabNetwork | null = null;
  let kernel: KernelTrace | null = null;
  let learners: LearnerHosts | null = null;
  let liveSyscalls: LiveSyscalls | null = null;
  const aborted = whenAborted(input.signal);
  try {
    network = await LabNetwork.create({
      sandbox: input.driver,
      learners: learnerHosts.map((host, j) => ({
        host: host.name,
        sandboxJobId: sandboxJobIdOf(host.name),
        tapName: `slb${input.jobHash}s${input.scenarioIndex}h${j}`,
        sysctls: host.sysctls,
      })),
      peers: spec.hosts.peers,
      seed: input.seed,
      capture,
      onPeerTransition: (host, transition) => {
        netstack.push(transition);
        sockets.record(host, transition.local, transition.remote, transition.from, transition.to);
        emitState(events, transition.local, transition.remote, transition.from, transition.to, 'netstack');
        notify();
      },
      onChange: notify,
    });
    const net = network;
    const learnerByAddr = new Map(net.learners.map((slot) => [slot.addr, slot.host]));
    kernel = KernelTrace.start(
      `slb-${input.jobId}-s${input.scenarioIndex}`,
      Object.values(net.hostAddresses),
      (event) => {
        if (event.kind !== 'state') return;
        const host = learnerByAddr.get(event.local.addr);
        if (host !== undefined) sockets.record(host, event.local, event.remote, event.from, event.to);
        emitState(events, event.local, event.remote, event.from, event.to, 'kernel', event.tNs);
        notify();
      },
    );
    const nstatBefore = await countersOf(net);
    const impairments = installImpairments(
      net.lanSwitch,
      [
        ...net.learners.map((s) => ({
          id: s.portId,
          host: s.host,
          kind: 'learner' as const,
          addr: ipv4(s.addr),
        })),
        ...net.peers.map((s) => ({ id: s.portId, host: s.host, kind: 'peer' as const, addr: ipv4(s.addr) })),
      ],
      scenario.impairments,
      input.seed,
    );
    const file = await writeInputFile(input, scenario);
    const onlyPeer = spec.hosts.peers.length === 1 ? spec.hosts.peers[0].name : undefined;
    learners = new LearnerHosts({
      driver: input.driver,
      hosts: learnerHosts,
      toolchain: input.toolchain,
      workDir: input.workDir,
      limits: runLimits(spec.limits, scenario.settle),
      port,
      targets: Object.fromEntries(
        learnerHosts.map((h) => [h.name, net.hostAddresses[h.target ?? onlyPeer ?? ''] ?? '']),
      ),
      file,
      sandboxJobIdOf,
      scenarioIndex: input.scenarioIndex,
      events,
      originNs,
      onChange: notify,
      signal: input.signal,
    });
    const control = learners;
    liveSyscalls = LiveSyscalls.start({
      workDir: input.workDir,
      runs: () => control.runs,
      clock: input.clock,
      events,
    });

    const outcomes: StepOutcome[] = [];
    const connections = new Map<string, ConnectionRecord>();
    const mark = (name: string, detail?: string): void => {
      const tNs = process.hrtime.bigint();
      marks.push({ tNs, name, ...(detail !== undefined ? { detail } : {}) });
      capture.note(tNs, detail !== undefined ? `${name} — ${detail}` : name);
    };
    // The wall budget runs from the first program start to the last step.
    let wallTimer: NodeJS.Timeout | undefined;
    const wall = new Promise<never>((_, reject) => {
      wallTimer = setTimeout(
        () => reject(new Error(`the scenario's wall limit of ${spec.limits.wallMs} ms was reached`)),
        spec.limits.wallMs,
      );
    });
    wall.catch(() => undefined);
    const stop = Promise.race([wall, aborted.promise]);
    stop.catch(() => undefined);
    let notReady: string | null = null;
    try {
      for (const [j, host] of learnerHosts.entries()) {
        if (host.start !== 'auto') continue;
        const tStart = rel(process.hrtime.bigint());
        const problem = await Promise.race([control.start(host.name, host.readyTimeout), stop]);
        if (problem !== null) {
          notReady = problem;
          outcomes.push({
            path: `hosts.learner[${j}].ready`,
            action: `ready ${host.name}`,
            status: 'failed',
            message: problem,
            tStart,
            tEnd: rel(process.hrtime.bigint()),
          });
          mark(`${host.name} not ready`, problem);
          break;
        }
        mark(`${host.name} ready`);
      }
      const interpreter = new StepInterpreter({
        port,
        seed: input.seed,
        peer: (name) => net.peer(name),
        addressOf: (host) => net.hostAddresses[host],
        connections,
        listeners: new Map(),
        udpSockets: new Map(),
        impairments,
        learners: control,
        sockets,
        counters: new LiveCounters(capture.segments, (host) => net.hostAddresses[host]),
        bus,
        stop,
        doneSteps: new Set(),
        outcomes,
        now: () => rel(process.hrtime.bigint()),
        mark,
      });
      if (notReady === null) await interpreter.run(scenario.steps);
      else await interpreter.skipAll(scenario.steps, notReady);
    } catch (error) {
      if (input.signal?.aborted) throw new LabError('lab/aborted', 'the run was cancelled');
      if (error instanceof LabError) throw error;
      mark('scenario stopped', describe(error));
    } finally {
      clearTimeout(wallTimer);
    }
    if (input.signal?.aborted) throw new LabError('lab/aborted', 'the run was cancelled');

    // Settle: a fixed observation window the exercise asks for (final ACKs, TIME_WAIT).
    // Fixed on purpose, even when every connection has ended and the link is quiet: a
    // program's reaction may make no traffic at all (a write after the peer's RST kills it
    // with SIGPIPE), and graders judge its exit and whether it is still running.
    await Promise.race([new Promise((resolve) => setTimeout(resolve, scenario.settle)), aborted.promise]);
    const ssSnapshots = await snapshots(net);
    const nstatAfter = await countersOf(net);
    const aliveAtEnd = new Map(control.runs.map((run) => [run, run.alive]));
    await control.stopAll();
    await liveSyscalls.stop();
    for (const conn of connections.values()) await conn.drain().catch(() => undefined);
    const kernelSource = kernel.stop();
    const strace = await readStrace(
      input.workDir,
      control.runs.map((run) => run.straceFile),
    );
    const trace: Trace = buildTrace({
      originNs,
      hosts: [
        ...net.learners.map((s) => ({
          id: s.host,
          role: 'learner' as const,
          name: s.host,
          addresses: [s.addr],
        })),
        ...net.peers.map((s) => ({ id: s.host, role: 'peer' as const, name: s.host, addresses: [s.addr] })),
      ],
      segments: capture.segments,
      udpDatagrams: capture.udpDatagrams,
      icmpMessages: capture.icmpMessages,
      kernel: kernelSource,
      ssSnapshots,
      netstack,
      ...(strace ? { strace: { parsed: strace, clock: input.clock } } : {}),
      steps: marks,
      counters: net.learners.map((s) => ({
        hostId: s.host,
        before: nstatBefore[s.host] ?? {},
        after: nstatAfter[s.host] ?? {},
        diff: diffCounters(nstatBefore[s.host] ?? {}, nstatAfter[s.host] ?? {}),
      })),
    });
    const evidence: ScenarioEvidence = {
      scenarioId: scenario.id,
      trace,
      processes: control.runs.map((run) => run.outcome(aliveAtEnd.get(run) ?? false)),
      steps: outcomes,
      streams: Object.fromEntries([...connections].map(([name, conn]) => [name, conn.stream()])),
      hostAddresses: net.hostAddresses,
      port,
    };
    return { evidence, teardownFailures };
  } finally {
    aborted.dispose();
    await liveSyscalls?.dispose();
    await learners
      ?.killAll()
      .catch((error: unknown) => teardownFailures.push(`stopping programs: ${describe(error)}`));
    kernel?.stop();
    await capture
      .close()
      .catch((error: unknown) => teardownFailures.push(`closing the capture: ${describe(error)}`));
    if (network) teardownFailures.push(...(await network.dispose()));
  }
}

/** The service port `{port}` stands for: seeded, so a replay uses the same one. */
function servicePort(seed: number, scenarioIndex: number): number {
  return 20_000 + (((seed >>> 0) + scenarioIndex * 7919) % 30_000);
}

function ipv4(text: string): number {
  return text.split('.').reduce((acc, part) => acc * 256 + Number(part), 0) >>> 0;
}

async function writeInputFile(input: ScenarioInput, scenario: Scenario): Promise<string | null> {
  const file = scenario.file;
  if (!file) return null;
  const content =
    file.text !== undefined
      ? Buffer.from(file.text, 'utf8')
      : generateBytes(file.bytes ?? 0, file.pattern, input.seed);
  const path = join(input.workDir, file.name);
  await writeFile(path, content, { mode: 0o444 });
  await chown(path, SANDBOX_UID, SANDBOX_UID);
  return `/work/${file.name}`;
}

async function readStrace(workDir: string, files: string[]): Promise<StraceParseResult | null> {
  const merged: StraceParseResult = { syscalls: [], signals: [], exits: [], unparsed: [] };
  let any = false;
  for (const name of files) {
    const text = await readFile(join(workDir, name), 'utf8').catch(() => null);
    if (text === null) continue;
    any = true;
    const parsed = parseStrace(text);
    merged.syscalls.push(...parsed.syscalls);
    merged.signals.push(...parsed.signals);
    merged.exits.push(...parsed.exits);
    merged.unparsed.push(...parsed.unparsed);
  }
  return any ? merged : null;
}

function emitState(
  events: LabEventSequencer,
  local: { addr: string; port: number },
  remote: { addr: string; port: number },
  from: Parameters<typeof contractState>[0],
  to: Parameters<typeof contractState>[0],
  source: 'kernel' | 'netstack',
  /** When the kernel recorded it (CLOCK_MONOTONIC); netstack transitions are emitted as they happen. */
  happenedNs?: bigint,
): void {
  const endpoint = `${local.addr}:${local.port}`;
  const event = {
    type: 'state' as const,
    conn: contractConnectionId(endpoint, `${remote.addr}:${remote.port}`),
    endpoint,
    from: contractState(from),
    to: contractState(to),
    source,
  };
  if (happenedNs === undefined) events.emit(event);
  else events.emitObserved(event, happenedNs, source);
}
