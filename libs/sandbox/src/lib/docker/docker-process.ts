import type Dockerode from 'dockerode';
import { decodeExitStatus } from '../exit-status';
import { OutputBudget } from '../output-budget';
import type { OutputChunk, SandboxExit, SandboxProcess, SandboxRunSpec } from '../types';

/**
 * One running program container. Invariant: `wait()` resolves only after the container
 * has stopped and been removed.
 */
export class DockerSandboxProcess implements SandboxProcess {
  readonly stdin: NodeJS.WritableStream | null;
  private readonly exit: Promise<SandboxExit>;
  private timedOut = false;

  constructor(
    private readonly container: Dockerode.Container,
    readonly pid: number,
    spec: SandboxRunSpec,
    private readonly budget: OutputBudget,
    private readonly attached: NodeJS.ReadWriteStream,
    /** Whether the engine's OOMKilled flag is trustworthy (see DockerDriver.reportsOomKills). */
    private readonly engineReportsOom: boolean,
  ) {
    this.stdin = spec.stdin === 'pipe' ? attached : null;
    const timer = setTimeout(() => {
      this.timedOut = true;
      void this.kill();
    }, spec.limits.wallMs);
    this.exit = this.settle().finally(() => clearTimeout(timer));
  }

  output(): AsyncIterable<OutputChunk> {
    return this.budget.chunks();
  }

  async signal(signal: NodeJS.Signals): Promise<void> {
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
      await this.container.remove({ force: true }).catch(() => undefined);
    }
  }

  /** A container removed underneath us (by `reap`) was force-killed: reported as SIGKILL. */
  private async waitForStop(): Promise<Pick<SandboxExit, 'exitCode' | 'signal' | 'oomKilled'>> {
    const stopped = await this.container.wait().catch(() => null);
    await this.attachedEnded();
    const state = await this.container.inspect().then(
      (info) => info.State,
      () => null,
    );
    if (stopped === null || state === null) return { exitCode: null, signal: 'SIGKILL' };
    const status = decodeExitStatus((stopped as { StatusCode: number }).StatusCode, null);
    return this.engineReportsOom ? { ...status, oomKilled: state.OOMKilled } : status;
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
