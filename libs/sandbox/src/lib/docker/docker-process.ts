import type Dockerode from 'dockerode';
import { decodeExitStatus } from '../exit-status';
import { OutputBudget } from '../output-budget';
import { descendantsAt, signalPid } from '../process-tree';
import type { OutputChunk, SandboxExit, SandboxProcess, SandboxRunSpec } from '../types';

/** What the driver learnt about its engine, once per driver. */
export interface EngineTraits {
  /** Whether the engine's OOMKilled flag is trustworthy (see DockerDriver.traits); asked only after a kill. */
  reportsOom(): Promise<boolean>;
  /** Resolves with the container's exit status once it has stopped, or null when it is gone. */
  waitExit(container: Dockerode.Container): Promise<number | null>;
}

/**
 * One running program container. Invariant: `wait()` resolves once the container has
 * stopped, its exit status is known and its output has been drained (the attach stream
 * ended); not after its removal, which `stopped` starts in the background and
 * `DockerDriver.reap` awaits.
 */
export class DockerSandboxProcess implements SandboxProcess {
  readonly stdin: NodeJS.WritableStream | null;
  private readonly exit: Promise<SandboxExit>;
  private timedOut = false;
  private readonly traced: boolean;

  constructor(
    private readonly container: Dockerode.Container,
    readonly pid: number,
    spec: SandboxRunSpec,
    private readonly budget: OutputBudget,
    private readonly attached: NodeJS.ReadWriteStream,
    private readonly engine: EngineTraits,
    /** Called once, as `wait()` resolves: the container is no longer needed (it has stopped or is gone). */
    private readonly stopped: () => void,
  ) {
    this.stdin = spec.stdin === 'pipe' ? attached : null;
    this.traced = spec.strace !== undefined;
    const timer = setTimeout(() => {
      this.timedOut = true;
      void this.kill();
    }, spec.limits.wallMs);
    this.exit = this.settle().finally(() => clearTimeout(timer));
  }

  output(): AsyncIterable<OutputChunk> {
    return this.budget.chunks();
  }

  /**
   * The engine signals the container's pid 1. When that is strace, which blocks fatal
   * signals, the program (strace's child, a host pid on a local engine) is signalled directly.
   */
  async signal(signal: NodeJS.Signals): Promise<void> {
    const programs = this.traced ? await descendantsAt(this.pid, 1) : [];
    if (programs.filter((pid) => signalPid(pid, signal)).length > 0) return;
    await this.container.kill({ signal }).catch(() => undefined);
  }

  async kill(): Promise<void> {
    await this.container.kill({ signal: 'SIGKILL' }).catch(() => undefined);
    await this.exit.catch(() => undefined);
  }

  wait(): Promise<SandboxExit> {
    return this.exit;
  }

  private async settle(): Promise<SandboxExit> {
    try {
      const status = await this.waitForStop();
      this.budget.close();
      return {
        ...status,
        timedOut: this.timedOut,
        outputTruncated: this.budget.truncated,
        droppedOutputBytes: this.budget.droppedBytes,
      };
    } finally {
      this.budget.close();
      this.stopped();
    }
  }

  /** A container removed underneath us (by `reap`) was force-killed: reported as SIGKILL. */
  private async waitForStop(): Promise<Pick<SandboxExit, 'exitCode' | 'signal' | 'oomKilled'>> {
    const statusCode = await this.engine.waitExit(this.container);
    await this.attachedEnded();
    if (statusCode === null) return { exitCode: null, signal: 'SIGKILL' };
    const status = decodeExitStatus(statusCode, null);
    // Only a SIGKILL can be the OOM killer's.
    if (status.signal !== 'SIGKILL' || !(await this.engine.reportsOom())) return status;
    const state = await this.container.inspect().then(
      (info) => info.State,
      () => null,
    );
    return state === null ? { exitCode: null, signal: 'SIGKILL' } : { ...status, oomKilled: state.OOMKilled };
  }

  /** The attach stream ends after the last output frame; bounded in case the engine keeps it open. */
  private attachedEnded(): Promise<void> {
    return new Promise<void>((resolve) => {
      if (!this.attached.readable) resolve();
      this.attached.once('end', resolve);
      this.attached.once('close', resolve);
      setTimeout(resolve, 2000).unref();
    });
  }
}
