/**
 * One run of a learner program in its sandbox: started under strace in the scenario's
 * network, output streamed as events, readiness observed, stopped by the lab at the end
 * (SIGTERM, then SIGKILL after a grace period). A restart creates a new LearnerProcess.
 */
import type { SandboxDriver, SandboxExit, SandboxLimits, SandboxProcess } from '@socklab/sandbox';
import { straceArgs } from '@socklab/trace';
import { asInfra } from '../errors';
import type { LabEventSink } from '../events';
import type { ProcessOutcome } from '@socklab/grader';
import { hasListener } from './listen-probe';

export type ReadinessRule =
  { kind: 'started' } | { kind: 'listen'; port: number } | { kind: 'output'; pattern: string };

export interface LearnerStart {
  driver: SandboxDriver;
  sandboxJobId: string;
  host: string;
  argv: string[];
  env: Record<string, string>;
  workDir: string;
  limits: SandboxLimits;
  /** File (relative to the work dir) strace writes to. */
  straceFile: string;
  events: LabEventSink;
  /** CLOCK_MONOTONIC ns of the scenario's trace origin. */
  originNs: bigint;
  onChange: () => void;
}

/** Polling period of the LISTEN probe. */
const LISTEN_POLL_MS = 5;
/** Time a program gets between SIGTERM and SIGKILL when the lab stops it. */
const STOP_GRACE_MS = 300;

/**
 * strace flags of @socklab/trace's strace-command, minus the -f/-o the sandbox driver adds,
 * plus --seccomp-bpf (strace(1), strace ≥ 5.3): the program then stops for strace only at
 * the system calls being traced. Without it every other call (the loader's mmaps, a JVM's
 * futexes, Python's stats) costs two ptrace stops: 20 000 getppid() calls took 1.1 s under
 * strace instead of 0.01 s here. The output is the same (the filter is installed before the
 * program's execve, as no_new_privs allows for an unprivileged tracee).
 */
export function straceFlags(): string[] {
  const full = straceArgs('out', []);
  return ['--seccomp-bpf', ...full.slice(3, full.indexOf('--'))];
}

export class LearnerProcess {
  stdout = '';
  stderr = '';
  exit: SandboxExit | null = null;
  exitedAtNs: bigint | null = null;
  killedByLab = false;
  /** CLOCK_MONOTONIC ns when the lab began stopping this run (before its first signal); null if it never did. */
  stopBeganAtNs: bigint | null = null;
  private readonly exited: Promise<SandboxExit>;
  private readonly outputDone: Promise<void>;

  private constructor(
    readonly host: string,
    readonly straceFile: string,
    private readonly process: SandboxProcess,
    readonly startedAtNs: bigint,
    private readonly input: LearnerStart,
  ) {
    this.outputDone = this.pumpOutput();
    this.exited = process.wait().then((exit) => {
      this.exit = exit;
      this.exitedAtNs = process_hrtime();
      input.onChange();
      return exit;
    });
    this.exited.catch(() => undefined);
  }

  static async start(input: LearnerStart): Promise<LearnerProcess> {
    // Taken before the spawn: the program may run (and bind, connect…) before the driver's
    // own bookkeeping after the spawn returns, and the grader gives each system call to the
    // run that had started by then.
    const startedAtNs = process_hrtime();
    const process = await asInfra(
      'lab/sandbox-failed',
      `cannot start the program of host ${input.host}`,
      () =>
        input.driver.run({
          jobId: input.sandboxJobId,
          role: roleName(input.host),
          argv: input.argv,
          env: input.env,
          workDir: input.workDir,
          writable: true,
          network: 'job',
          limits: input.limits,
          strace: { flags: straceFlags(), outputFile: input.straceFile },
        }),
    );
    const learner = new LearnerProcess(input.host, input.straceFile, process, startedAtNs, input);
    input.onChange();
    return learner;
  }

  get pid(): number {
    return this.process.pid;
  }

  get alive(): boolean {
    return this.exit === null;
  }

  wait(): Promise<SandboxExit> {
    return this.exited;
  }

  /**
   * Resolves null once ready, or a message saying why the program never became ready
   * (it exited, or `timeoutMs` passed). Never rejects: not being ready is the program's failure.
   */
  async waitReady(rule: ReadinessRule, timeoutMs: number, signal?: AbortSignal): Promise<string | null> {
    if (rule.kind === 'started') return null;
    const deadline = performance.now() + timeoutMs;
    const pattern = rule.kind === 'output' ? new RegExp(rule.pattern, 'm') : null;
    for (;;) {
      if (rule.kind === 'listen' && (await hasListener(this.pid, rule.port))) return null;
      if (pattern && this.stdout.split('\n').some((line) => pattern.test(line))) return null;
      if (!this.alive) {
        return `the program of ${this.host} ${describeExit(this.exit)} before it was ready (${describeRule(rule)})`;
      }
      if (signal?.aborted) return 'the run was cancelled';
      const left = deadline - performance.now();
      if (left <= 0)
        return `the program of ${this.host} was not ready after ${timeoutMs} ms (${describeRule(rule)})`;
      await Promise.race([delay(Math.min(LISTEN_POLL_MS, left)), this.exited.catch(() => undefined)]);
    }
  }

  signal(signal: NodeJS.Signals): Promise<void> {
    return this.process.signal(signal);
  }

  /**
   * The lab ends this run with `signal` (a restart step): from now on what the program and
   * its sockets do is the lab's doing, which the grader disregards. Does not wait for the exit.
   */
  async terminate(signal: NodeJS.Signals): Promise<void> {
    if (!this.markStoppedByLab()) return;
    await this.process.signal(signal);
  }

  /** SIGTERM, a short grace period, then SIGKILL of the whole tree. Marks `killedByLab` if it was alive. */
  async stop(): Promise<void> {
    if (this.markStoppedByLab()) {
      await this.process.signal('SIGTERM').catch(() => undefined);
      const graceful = await Promise.race([
        this.exited.then(() => true),
        delay(STOP_GRACE_MS).then(() => false),
      ]);
      if (!graceful) await this.process.kill();
    }
    await this.exited.catch(() => undefined);
    await this.outputDone;
  }

  /** Kills at once (abort, infrastructure failure). */
  async kill(): Promise<void> {
    this.markStoppedByLab();
    await this.process.kill().catch(() => undefined);
    await this.exited.catch(() => undefined);
    await this.outputDone;
  }

  outcome(aliveAtEnd: boolean): ProcessOutcome {
    const rel = (ns: bigint): number => Number(ns - this.input.originNs);
    // The sandbox's own wall timer is a lab stop too; it is known only by the exit it caused.
    const stopBegan = this.stopBeganAtNs ?? (this.exit?.timedOut ? this.exitedAtNs : null);
    return {
      host: this.host,
      pid: this.pid,
      startedAt: rel(this.startedAtNs),
      exitedAt: this.exitedAtNs === null ? null : rel(this.exitedAtNs),
      exitCode: this.exit?.exitCode ?? null,
      signal: this.killedByLab ? null : (this.exit?.signal ?? null),
      killedByLab: this.killedByLab,
      stoppedByLabAt: stopBegan === null ? null : rel(stopBegan),
      timedOut: this.exit?.timedOut ?? false,
      limitsReached: limitsReached(this.exit),
      stdout: this.stdout,
      stderr: this.stderr,
      outputTruncated: this.exit?.outputTruncated ?? false,
      aliveAtEnd,
    };
  }

  /** Records the first moment the lab set out to end a live run; false when it had already ended. */
  private markStoppedByLab(): boolean {
    if (!this.alive) return false;
    this.killedByLab = true;
    this.stopBeganAtNs ??= process_hrtime();
    return true;
  }

  private async pumpOutput(): Promise<void> {
    for await (const chunk of this.process.output()) {
      const text = chunk.data.toString('utf8');
      if (chunk.stream === 'stdout') this.stdout += text;
      else this.stderr += text;
      this.input.events.emit({ type: 'output', stream: chunk.stream, host: this.host, chunk: text });
      this.input.onChange();
    }
  }
}

function process_hrtime(): bigint {
  return process.hrtime.bigint();
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Sandbox roles are [a-z0-9-]{1,24}; host names may also hold '_'. */
function roleName(host: string): string {
  return (
    host
      .replace(/[^a-z0-9-]/g, '-')
      .slice(0, 24)
      .replace(/^-+|-+$/g, '') || 'learner'
  );
}

function limitsReached(exit: SandboxExit | null): ('memory' | 'processes')[] {
  const reached: ('memory' | 'processes')[] = [];
  if (exit?.oomKilled) reached.push('memory');
  if (exit?.pidsLimitHit) reached.push('processes');
  return reached;
}

export function describeExit(exit: SandboxExit | null): string {
  if (!exit) return 'is still running';
  if (exit.timedOut) return 'was killed at its time limit';
  if (exit.oomKilled) return `was killed by ${exit.signal ?? 'SIGKILL'} when it exceeded its memory limit`;
  if (exit.signal) return `was killed by ${exit.signal}`;
  return `exited with status ${exit.exitCode}`;
}

function describeRule(rule: ReadinessRule): string {
  if (rule.kind === 'listen') return `expected a listening socket on port ${rule.port}`;
  if (rule.kind === 'output') return `expected a line of output matching /${rule.pattern}/`;
  return 'expected it to start';
}
