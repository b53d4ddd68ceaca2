/**
 * One scenario, on its opened setup (scenario-setup.ts: capture, network, kernel
 * tracepoints, counters before, impairments), to evidence:
 *   learner programs started and ready → steps (bounded by the exercise's wall budget) →
 *   settle → ss snapshot, nstat after → programs stopped → trace merged.
 * The setup is disposed whatever happens: on success the disposal goes on in the background
 * and is returned (`teardown`: the next scenario need not wait for it, execute() awaits it);
 * on abort or infrastructure failure it is awaited before the error is thrown.
 */
import { readFile, writeFile, chown } from 'node:fs/promises';
import { join } from 'node:path';
import type { Scenario, Toolchain } from '@socklab/exercise';
import { buildTrace, diffCounters, parseStrace, type StraceParseResult, type Trace } from '@socklab/trace';
import { whenAborted } from '../abort';
import { LabError, describe } from '../errors';
import type { ScenarioEvidence, StepOutcome } from '@socklab/grader';
import { SANDBOX_UID } from '../build/workspace';
import { runLimits } from '../limits';
import { snapshots, countersOf } from '../network/namespace-observations';
import type { ConnectionRecord } from '../steps/connection-record';
import { generateBytes } from '../steps/generated-bytes';
import { StepInterpreter } from '../steps/interpreter';
import { LiveCounters } from '../steps/live-counters';
import { LearnerHosts } from './learner-hosts';
import { LiveSyscalls } from './live-syscalls';
import type { ScenarioSetup } from './scenario-setup';

export interface ScenarioProgramsInput {
  toolchain: Toolchain;
  /** The built submission: the programs' /work. */
  workDir: string;
  signal?: AbortSignal;
  /**
   * Called once when the scenario's steps are over and its settle window begins: the lab
   * opens the next scenario's setup meanwhile (it starts nothing the programs could see).
   */
  onSettling?: () => void;
}

export interface ScenarioResult {
  evidence: ScenarioEvidence;
  /**
   * The setup's disposal, under way: resolves with the problems (resources that could not be
   * removed: infrastructure errors) once the network, tracing and sandboxes are gone.
   */
  teardown: Promise<string[]>;
}

export async function runScenario(
  setup: ScenarioSetup,
  input: ScenarioProgramsInput,
): Promise<ScenarioResult> {
  const { spec, scenario, events, clock } = setup.input;
  const rel = (ns: bigint): number => setup.rel(ns);
  const notify = (): void => setup.notify();
  const { port, sockets, netstack } = setup;
  const learnerHosts = spec.hosts.learner;
  const marks: { tNs: bigint; name: string; detail?: string }[] = [];
  let learners: LearnerHosts | null = null;
  let liveSyscalls: LiveSyscalls | null = null;
  const aborted = whenAborted(input.signal);
  const teardownFailures: string[] = [];
  let result: ScenarioResult | null = null;
  try {
    const net = setup.network;
    const capture = setup.capture;
    const file = await writeInputFile(input.workDir, scenario, setup.input.seed);
    const onlyPeer = spec.hosts.peers.length === 1 ? spec.hosts.peers[0].name : undefined;
    learners = new LearnerHosts({
      driver: setup.input.driver,
      hosts: learnerHosts,
      toolchain: input.toolchain,
      workDir: input.workDir,
      limits: runLimits(spec.limits, scenario.settle),
      port,
      targets: Object.fromEntries(
        learnerHosts.map((h) => [h.name, net.hostAddresses[h.target ?? onlyPeer ?? ''] ?? '']),
      ),
      file,
      sandboxJobIdOf: (host) => setup.sandboxJobIdOf(host),
      scenarioIndex: setup.input.scenarioIndex,
      events,
      originNs: setup.originNs,
      onChange: notify,
      signal: input.signal,
    });
    const control = learners;
    liveSyscalls = LiveSyscalls.start({
      workDir: input.workDir,
      runs: () => control.runs,
      clock,
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
        seed: setup.input.seed,
        peer: (name) => net.peer(name),
        addressOf: (host) => net.hostAddresses[host],
        connections,
        listeners: new Map(),
        udpSockets: new Map(),
        impairments: setup.impairments,
        learners: control,
        sockets,
        counters: new LiveCounters(capture.segments, (host) => net.hostAddresses[host]),
        bus: setup.bus,
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
    input.onSettling?.();

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
    const kernelSource = await setup.stopKernelTrace();
    // Everything the trace needs is in memory now: the network, the tracing and the capture
    // file go while the strace logs are parsed and the trace merged.
    const teardown = setup.dispose();
    const strace = await readStrace(
      input.workDir,
      control.runs.map((run) => run.straceFile),
    );
    const trace: Trace = buildTrace({
      originNs: setup.originNs,
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
      ...(strace ? { strace: { parsed: strace, clock } } : {}),
      steps: marks,
      counters: net.learners.map((s) => ({
        hostId: s.host,
        before: setup.nstatBefore[s.host] ?? {},
        after: nstatAfter[s.host] ?? {},
        diff: diffCounters(setup.nstatBefore[s.host] ?? {}, nstatAfter[s.host] ?? {}),
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
    // The capture file is an artifact: complete before the scenario's result is.
    await setup.closeCapture();
    result = { evidence, teardown };
  } finally {
    aborted.dispose();
    await liveSyscalls?.dispose();
    await learners
      ?.killAll()
      .catch((error: unknown) => teardownFailures.push(`stopping programs: ${describe(error)}`));
    if (result === null) await setup.dispose();
  }
  const { evidence, teardown } = result;
  return { evidence, teardown: teardown.then((problems) => [...teardownFailures, ...problems]) };
}

async function writeInputFile(workDir: string, scenario: Scenario, seed: number): Promise<string | null> {
  const file = scenario.file;
  if (!file) return null;
  const content =
    file.text !== undefined
      ? Buffer.from(file.text, 'utf8')
      : generateBytes(file.bytes ?? 0, file.pattern, seed);
  const path = join(workDir, file.name);
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
