/**
 * The kernel tracepoint source of one scenario. tracefs may be missing (containers,
 * locked-down hosts): then the source is recorded as unavailable and the trace relies on
 * inference, ss and the netstack — a run never fails for that.
 */
import { KernelTraceCollector, type KernelCollectorResult, type KernelEvent } from '@socklab/trace';
import { describe } from '../errors';

export type KernelSource = KernelCollectorResult | { unavailable: string };

export class KernelTrace {
  private result: Promise<KernelSource> | null = null;

  private constructor(
    private readonly collector: KernelTraceCollector | null,
    private readonly unavailable: string | null,
  ) {}

  static async start(
    instanceName: string,
    addresses: string[],
    onEvent: (event: KernelEvent) => void,
  ): Promise<KernelTrace> {
    try {
      return new KernelTrace(
        await KernelTraceCollector.start({
          instanceName,
          addresses,
          allowLoss: true,
          pollIntervalMs: 10,
          onEvent,
        }),
        null,
      );
    } catch (error) {
      return new KernelTrace(null, `kernel tracepoints unavailable: ${describe(error)}`);
    }
  }

  /** Drains and returns what was collected; the tracefs instance goes in dispose(). Idempotent. */
  stop(): Promise<KernelSource> {
    this.result ??= this.collect();
    return this.result;
  }

  /** Stops collecting if that still runs and removes the tracefs instance; returns the problem, if any. */
  async dispose(): Promise<string | null> {
    if (this.collector === null) return null;
    await this.stop();
    return this.collector.dispose().then(
      () => null,
      (error: unknown) => `removing the kernel trace: ${describe(error)}`,
    );
  }

  private async collect(): Promise<KernelSource> {
    if (this.collector === null) return { unavailable: this.unavailable ?? 'kernel tracing was not started' };
    try {
      return await this.collector.stop();
    } catch (error) {
      return { unavailable: `kernel trace collection failed: ${describe(error)}` };
    }
  }
}
