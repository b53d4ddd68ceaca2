import type { ChildProcess } from 'node:child_process';
import { decodeExitStatus } from '../exit-status';
import { OutputBudget } from '../output-budget';
import type { OutputChunk, SandboxExit, SandboxProcess, SandboxRunSpec } from '../types';
import type { RunCgroup } from './cgroups';
import { descendantsAt, signalPid } from '../process-tree';

/**
 * One running local sandbox. Invariant: `wait()` resolves only after bwrap has exited,
 * every process of the run's cgroup is dead and the cgroup is removed (`release`).
 */
export class LocalSandboxProcess implements SandboxProcess {
  readonly stdin: NodeJS.WritableStream | null;
  private readonly budget: OutputBudget;
  private readonly exit: Promise<SandboxExit>;
  private timedOut = false;
  /**
   * Generations from bwrap to the program: bwrap → its pid-1 reaper → the program (pid 2).
   * A traced program is one further down, below strace, which must not get the signal:
   * with `-o FILE PROG` strace blocks fatal signals (strace(1), -I never) and would ignore it.
   */
  private readonly programDepth: number;

  constructor(
    private readonly child: ChildProcess & { pid: number },
    spec: SandboxRunSpec,
    private readonly cgroup: RunCgroup | null,
    /** Called once the process tree is gone; removes the cgroup and the state record. */
    private readonly release: () => Promise<void>,
  ) {
    this.budget = new OutputBudget(spec.limits.outputBytes);
    this.programDepth = spec.strace ? 3 : 2;
    this.stdin = spec.stdin === 'pipe' ? child.stdin : null;
    child.stdout?.on('data', (data: Buffer) => this.budget.push('stdout', data));
    child.stderr?.on('data', (data: Buffer) => this.budget.push('stderr', data));
    if (spec.stdin !== 'pipe') child.stdin?.end(spec.stdin ?? '');
    child.stdin?.on('error', () => undefined); // EPIPE when the program exits before reading
    const timer = setTimeout(() => {
      this.timedOut = true;
      void this.kill();
    }, spec.limits.wallMs);
    this.exit = this.settle().finally(() => clearTimeout(timer));
  }

  get pid(): number {
    return this.child.pid;
  }

  output(): AsyncIterable<OutputChunk> {
    return this.budget.chunks();
  }

  /** Delivers the signal to the program (not to strace when it is traced) and its siblings. */
  async signal(signal: NodeJS.Signals): Promise<void> {
    for (const program of await descendantsAt(this.child.pid, this.programDepth)) signalPid(program, signal);
  }

  async kill(): Promise<void> {
    signalPid(this.child.pid, 'SIGKILL');
    await this.cgroup?.killAll();
    await this.exit.catch(() => undefined);
  }

  wait(): Promise<SandboxExit> {
    return this.exit;
  }

  private async settle(): Promise<SandboxExit> {
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      // 'close' fires after exit and after stdout/stderr reached EOF (every writer is dead or detached).
      this.child.once('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal])),
    );
    await this.cgroup?.killAll();
    const oomKilled = await this.cgroup?.oomKilled();
    const pidsLimitHit = await this.cgroup?.pidsLimitHit();
    const cpuMs = await this.cgroup?.cpuMs();
    this.budget.close();
    await this.release();
    return {
      ...decodeExitStatus(code, signal),
      timedOut: this.timedOut,
      ...(oomKilled === undefined ? {} : { oomKilled }),
      ...(pidsLimitHit === undefined ? {} : { pidsLimitHit }),
      outputTruncated: this.budget.truncated,
      droppedOutputBytes: this.budget.droppedBytes,
      ...(cpuMs === undefined ? {} : { cpuMs }),
    };
  }
}
