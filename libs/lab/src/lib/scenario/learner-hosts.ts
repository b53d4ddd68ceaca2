/**
 * The learner programs of one scenario: how each host's program is started (toolchain run
 * command + host args with {port}/{host}/{file} substituted), its readiness rule, and
 * every run of it (a restart adds one). Implements the steps' LearnerControl.
 */
import type { LearnerHost, Toolchain } from '@socklab/exercise';
import type { SandboxDriver, SandboxLimits } from '@socklab/sandbox';
import type { LabEventSink } from '../events';
import { LearnerProcess, type ReadinessRule } from '../learner/learner-process';
import type { LearnerControl, ProcessView } from '../steps/step-context';

export interface LearnerHostsInput {
  driver: SandboxDriver;
  hosts: readonly LearnerHost[];
  toolchain: Toolchain;
  workDir: string;
  limits: SandboxLimits;
  port: number;
  /** Value of {host} for each learner host (its target's address). */
  targets: Record<string, string>;
  /** Value of {file}: the scenario's input file inside the sandbox, if any. */
  file: string | null;
  sandboxJobIdOf: (host: string) => string;
  scenarioIndex: number;
  events: LabEventSink;
  originNs: bigint;
  onChange: () => void;
  signal?: AbortSignal;
}

export class LearnerHosts implements LearnerControl {
  /** Every run of every host, in start order. */
  readonly runs: LearnerProcess[] = [];
  private readonly ready = new Set<LearnerProcess>();

  constructor(private readonly input: LearnerHostsInput) {}

  async start(host: string, timeoutMs: number): Promise<string | null> {
    const spec = this.spec(host);
    if (!spec) return `unknown learner host '${host}'`;
    const { input } = this;
    const runNumber = this.runs.filter((run) => run.host === host).length + 1;
    const process = await LearnerProcess.start({
      driver: input.driver,
      sandboxJobId: input.sandboxJobIdOf(host),
      host,
      argv: [...input.toolchain.run, ...spec.args.map((arg) => this.expand(arg, host))],
      env: Object.fromEntries(Object.entries(spec.env).map(([k, v]) => [k, this.expand(v, host)])),
      workDir: input.workDir,
      limits: input.limits,
      straceFile: `strace-s${input.scenarioIndex}-${host}-${runNumber}.txt`,
      events: input.events,
      originNs: input.originNs,
      onChange: input.onChange,
    });
    this.runs.push(process);
    const problem = await process.waitReady(
      this.rule(spec),
      Math.min(timeoutMs, spec.readyTimeout),
      input.signal,
    );
    if (problem === null) {
      this.ready.add(process);
      input.onChange();
    }
    return problem;
  }

  async signal(host: string, signal: NodeJS.Signals): Promise<void> {
    await this.current(host)?.signal(signal);
  }

  async terminate(host: string, signal: NodeJS.Signals): Promise<void> {
    await this.current(host)?.terminate(signal);
  }

  async waitExit(host: string, timeoutMs: number): Promise<boolean> {
    const process = this.current(host);
    if (!process) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    try {
      return await Promise.race([process.wait().then(() => true), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  view(host: string): ProcessView {
    const process = this.current(host);
    return {
      started: process !== undefined,
      ready: process !== undefined && this.ready.has(process),
      exited: process !== undefined && !process.alive,
      stdout: process?.stdout ?? '',
    };
  }

  /** Stops every program still running (SIGTERM, then SIGKILL). */
  async stopAll(): Promise<void> {
    await Promise.all(this.runs.map((run) => run.stop()));
  }

  async killAll(): Promise<void> {
    await Promise.all(this.runs.map((run) => run.kill()));
  }

  private current(host: string): LearnerProcess | undefined {
    return this.runs.filter((run) => run.host === host).at(-1);
  }

  private spec(host: string): LearnerHost | undefined {
    return this.input.hosts.find((h) => h.name === host);
  }

  private rule(spec: LearnerHost): ReadinessRule {
    const ready = spec.ready;
    if (ready.kind === 'listen')
      return { kind: 'listen', port: ready.port === '{port}' ? this.input.port : ready.port };
    return ready;
  }

  private expand(template: string, host: string): string {
    return template
      .replace(/\{port\}/g, String(this.input.port))
      .replace(/\{host\}/g, this.input.targets[host] ?? '')
      .replace(/\{file\}/g, this.input.file ?? '');
  }
}
