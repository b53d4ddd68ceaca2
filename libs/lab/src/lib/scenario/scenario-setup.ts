/**
 * The part of a scenario that needs no learner program: its capture, its lab network
 * (switch, TAPs in the learner sandboxes' namespaces, peers), the kernel tracepoints,
 * the counters before and the impairments. It neither runs nor sends anything, so the lab
 * opens scenario 1's while the submission builds and scenario N+1's while scenario N
 * settles (execute.ts); the programs of two scenarios never run at once.
 *
 * `open` leaves nothing behind when it fails; `dispose` removes everything, never throws,
 * returns what it could not remove, and may be called more than once.
 */
import type { ExerciseSpec, Scenario } from '@socklab/exercise';
import { parseIpv4 } from '@socklab/netstack';
import type { SandboxDriver } from '@socklab/sandbox';
import type { ClockPair, NetstackTransitionInput } from '@socklab/trace';
import { describe } from '../errors';
import { contractConnectionId, contractState, type LabEventSink } from '../events';
import { CaptureRecorder } from '../network/capture-recorder';
import { installImpairments, type InstalledImpairment } from '../network/impairments';
import { LabNetwork } from '../network/lab-network';
import { countersOf } from '../network/namespace-observations';
import { ChangeBus } from '../steps/change-bus';
import { SocketBook } from '../steps/socket-book';
import { KernelTrace, type KernelSource } from './kernel-trace';

export interface ScenarioSetupInput {
  spec: ExerciseSpec;
  scenario: Scenario;
  scenarioIndex: number;
  driver: SandboxDriver;
  jobId: string;
  /** Short hash of the job id for names with a length limit (TAPs: 15 characters). */
  jobHash: string;
  capturePath: string;
  seed: number;
  clock: ClockPair;
  events: LabEventSink;
}

type Counters = Awaited<ReturnType<typeof countersOf>>;

export class ScenarioSetup {
  /** The scenario's time origin (CLOCK_MONOTONIC): the trace's t = 0. */
  readonly originNs = process.hrtime.bigint();
  /** The service port `{port}` stands for: seeded, so a replay uses the same one. */
  readonly port: number;
  readonly bus = new ChangeBus();
  readonly sockets = new SocketBook();
  /** The peers' state transitions, for the trace. */
  readonly netstack: NetstackTransitionInput[] = [];
  private captureRecorder: CaptureRecorder | null = null;
  private labNetwork: LabNetwork | null = null;
  private kernelTrace: KernelTrace | null = null;
  /** The learner hosts' counters before any program ran. */
  nstatBefore: Counters = {};
  /** The scenario's impairments by id, for `impairment` steps. */
  impairments = new Map<string, InstalledImpairment>();
  private disposed: Promise<string[]> | null = null;

  private constructor(readonly input: ScenarioSetupInput) {
    this.port = 20_000 + (((input.seed >>> 0) + input.scenarioIndex * 7919) % 30_000);
  }

  static async open(input: ScenarioSetupInput): Promise<ScenarioSetup> {
    const setup = new ScenarioSetup(input);
    try {
      await setup.build();
      return setup;
    } catch (error) {
      await setup.dispose();
      throw error;
    }
  }

  get capture(): CaptureRecorder {
    return present(this.captureRecorder, 'capture');
  }

  get network(): LabNetwork {
    return present(this.labNetwork, 'network');
  }

  /** ns since the scenario's origin. */
  rel(ns: bigint): number {
    return Number(ns - this.originNs);
  }

  /** The sandbox job of a learner host: `<job>-s<scenario>-<host index>`. */
  sandboxJobIdOf(host: string): string {
    const index = this.input.spec.hosts.learner.findIndex((h) => h.name === host);
    return `${this.input.jobId}-s${this.input.scenarioIndex}-${index}`;
  }

  notify(): void {
    this.bus.notify();
  }

  /** Stops the kernel tracepoints and returns what they collected (idempotent). */
  stopKernelTrace(): Promise<KernelSource> {
    return (
      this.kernelTrace?.stop() ??
      Promise.resolve({ unavailable: 'kernel tracepoints were not started for this scenario' })
    );
  }

  /** Closes the capture file (complete on disk once this resolves); idempotent, part of dispose. */
  closeCapture(): Promise<string | null> {
    this.captureClosed ??= (this.captureRecorder?.close() ?? Promise.resolve()).then(
      () => null,
      (error: unknown) => `closing the capture: ${describe(error)}`,
    );
    return this.captureClosed;
  }

  private captureClosed: Promise<string | null> | null = null;

  /** Kernel tracing stopped, capture closed, network removed. Returns the problems. */
  dispose(): Promise<string[]> {
    this.disposed ??= this.teardown();
    return this.disposed;
  }

  private async build(): Promise<void> {
    const { spec, scenario, events } = this.input;
    const notify = (): void => this.notify();
    this.captureRecorder = await CaptureRecorder.open(this.input.capturePath, {
      clock: this.input.clock,
      events,
      comments: [`exercise ${spec.metadata.id}`, `scenario ${scenario.id}`, `job ${this.input.jobId}`],
      onFrame: notify,
    });
    const net = await LabNetwork.create({
      sandbox: this.input.driver,
      learners: spec.hosts.learner.map((host, j) => ({
        host: host.name,
        sandboxJobId: this.sandboxJobIdOf(host.name),
        tapName: `slb${this.input.jobHash}s${this.input.scenarioIndex}h${j}`,
        sysctls: host.sysctls,
      })),
      peers: spec.hosts.peers,
      seed: this.input.seed,
      capture: this.captureRecorder,
      onPeerTransition: (host, transition) => {
        this.netstack.push(transition);
        this.sockets.record(host, transition.local, transition.remote, transition.from, transition.to);
        emitState(events, transition.local, transition.remote, transition.from, transition.to, 'netstack');
        notify();
      },
      onChange: notify,
    });
    this.labNetwork = net;
    const learnerByAddr = new Map(net.learners.map((slot) => [slot.addr, slot.host]));
    this.kernelTrace = await KernelTrace.start(
      `slb-${this.input.jobId}-s${this.input.scenarioIndex}`,
      Object.values(net.hostAddresses),
      (event) => {
        if (event.kind !== 'state') return;
        const host = learnerByAddr.get(event.local.addr);
        if (host !== undefined) this.sockets.record(host, event.local, event.remote, event.from, event.to);
        emitState(events, event.local, event.remote, event.from, event.to, 'kernel', event.tNs);
        notify();
      },
    );
    this.nstatBefore = await countersOf(net);
    this.impairments = installImpairments(
      net.lanSwitch,
      [
        ...net.learners.map((s) => ({
          id: s.portId,
          host: s.host,
          kind: 'learner' as const,
          addr: parseIpv4(s.addr),
        })),
        ...net.peers.map((s) => ({
          id: s.portId,
          host: s.host,
          kind: 'peer' as const,
          addr: parseIpv4(s.addr),
        })),
      ],
      scenario.impairments,
      this.input.seed,
    );
  }

  /** The tracefs instance is removed while the capture closes and then the network goes (it may still send frames). */
  private async teardown(): Promise<string[]> {
    const [traceProblem, networkProblems] = await Promise.all([
      this.kernelTrace?.dispose() ?? null,
      this.closeCapture().then(async (captureProblem) => [
        ...(captureProblem === null ? [] : [captureProblem]),
        ...((await this.labNetwork?.dispose()) ?? []),
      ]),
    ]);
    return [...(traceProblem === null ? [] : [traceProblem]), ...networkProblems];
  }
}

function present<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`the scenario's ${what} is not open`);
  return value;
}

function emitState(
  events: LabEventSink,
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
