/**
 * The kernel tracepoint source of one scenario. tracefs may be missing (containers,
 * locked-down hosts): then the source is recorded as unavailable and the trace relies on
 * inference, ss and the netstack — a run never fails for that.
 */
import { KernelTraceCollector, type KernelCollectorResult, type KernelEvent } from '@socklab/trace';
import { describe } from '../errors';

export type KernelSource = KernelCollectorResult | { unavailable: string };

export class KernelTrace {
  private constructor(
    private collector: KernelTraceCollector | null,
    private readonly unavailable: string | null,
  ) {}

  static start(
    instanceName: string,
    addresses: string[],
    onEvent: (event: KernelEvent) => void,
  ): KernelTrace {
    try {
      return new KernelTrace(
        KernelTraceCollector.start({ instanceName, addresses, allowLoss: true, pollIntervalMs: 10, onEvent }),
        null,
      );
    } catch (error) {
      return new KernelTrace(null, `kernel tracepoints unavailable: ${describe(error)}`);
    }
  }

  /** Drains, removes the tracefs instance and returns what was collected. Idempotent. */
  stop(): KernelSource {
    const collector = this.collector;
    if (collector === null) return { unavailable: this.unavailable ?? 'the collector was already stopped' };
    this.collector = null;
    try {
      return collector.stop();
    } catch (error) {
      return { unavailable: `kernel trace collection failed: ${describe(error)}` };
    }
  }
}
