/**
 * Collects TCP tracepoints for one lab job from a private tracefs instance, reading the
 * binary per-CPU ring buffers (`per_cpu/cpuN/trace_pipe_raw`) without blocking the event loop.
 *
 * Contract: start() → events flow to `onEvent` and `events` while running → stop() drains
 * every CPU buffer, checks the per-CPU overrun/dropped counters and begins removing the
 * instance → dispose() resolves once the instance is gone (removal takes the kernel tens of
 * milliseconds, so a caller with evidence to process does that first). start() and stop()
 * never block the event loop on tracefs (tracefs.ts).
 * `onEvent` sees the events in timestamp order across CPUs (each CPU has its own buffer, so
 * a drain reads them CPU by CPU): a drain hands over the events stamped more than
 * COMMIT_SLACK_NS before it began, sorted, and keeps the later ones for the next drain, so
 * an event reaches `onEvent` at most one poll interval after it was read; stop() hands over the rest.
 * Lost events make stop() throw 'trace/lost-events' (the partial result rides on the error)
 * unless `allowLoss` is set: a state history with holes would grade a learner wrongly.
 */
import { constants, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';
import { TraceError } from '../errors';
import { addressFilter } from './address-filter';
import { lostEvents, parseCpuStats, type CpuBufferStats } from './cpu-stats';
import { parseEventFormat } from './event-format';
import {
  makeDecoder,
  TRACEPOINTS,
  type KernelEvent,
  type RecordDecoder,
  type TracepointName,
} from './kernel-events';
import { decodePage, parsePageLayout, type PageLayout } from './ring-buffer-page';
import { byStamp, StampOrder } from './stamp-order';
import { locateTracefs, TracefsInstance } from './tracefs';

export interface KernelCollectorOptions {
  /** tracefs instance name, unique per job (e.g. 'slr-job-42'). */
  instanceName: string;
  /** Lab addresses: an event is kept when its local or remote address is one of them. */
  addresses: readonly string[];
  /** Ring buffer per CPU in KiB. Default 4096 (≈ 50 000 state events per CPU). */
  bufferSizeKb?: number;
  /** How often the buffers are drained while running. Default 20 ms. */
  pollIntervalMs?: number;
  tracepoints?: readonly TracepointName[];
  tracefsRoot?: string;
  /** Return normally even if the kernel lost events (the loss is still reported). */
  allowLoss?: boolean;
  /** Each kept event, in timestamp order across CPUs, at most one poll interval after it was read. */
  onEvent?: (event: KernelEvent) => void;
}

export interface SkippedTracepoint {
  tracepoint: TracepointName;
  reason: string;
}

export interface KernelCollectorResult {
  events: KernelEvent[];
  enabled: TracepointName[];
  skipped: SkippedTracepoint[];
  /** Tracepoints whose kernel-side address filter could not be set (filtered in userspace). */
  unfilteredInKernel: TracepointName[];
  cpuStats: CpuBufferStats[];
  /** Sum of overruns, commit overruns, drops and pages flagged with missed events. */
  lostEvents: number;
  /** Raw records decoded (including those filtered out in userspace). */
  recordsRead: number;
}

interface CpuReader {
  cpu: number;
  fd: number;
}

/**
 * The kernel stamps an event when it reserves space in a CPU's buffer and commits it right
 * after, with preemption off (microseconds, an interrupt included). So every event stamped
 * this long before a drain began is readable by that drain: none can still turn up with an
 * earlier stamp than one handed over.
 */
const COMMIT_SLACK_NS = 1_000_000n;

export class KernelTraceCollector {
  readonly events: KernelEvent[] = [];
  private readonly decoders = new Map<number, RecordDecoder>();
  private readonly addresses: ReadonlySet<string>;
  private readonly readers: CpuReader[] = [];
  private readonly page: Buffer;
  private missedOnPages = 0;
  /** Read but not yet handed to `onEvent` (see COMMIT_SLACK_NS). */
  private readonly held = new StampOrder<KernelEvent>();
  private recordsRead = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  private constructor(
    private readonly instance: TracefsInstance,
    private readonly layout: PageLayout,
    pageSize: number,
    private readonly options: KernelCollectorOptions,
    readonly enabled: TracepointName[],
    readonly skipped: SkippedTracepoint[],
    readonly unfilteredInKernel: TracepointName[],
  ) {
    this.addresses = new Set(options.addresses);
    this.page = Buffer.alloc(pageSize);
  }

  static async start(options: KernelCollectorOptions): Promise<KernelTraceCollector> {
    if (endianness() !== 'LE') {
      throw new TraceError(
        'trace/tracefs-unavailable',
        'the ring-buffer decoder supports little-endian hosts only',
      );
    }
    const root = options.tracefsRoot ?? locateTracefs();
    const instance = await TracefsInstance.create(root, options.instanceName);
    try {
      return await KernelTraceCollector.configure(instance, options);
    } catch (error) {
      await instance.remove().catch(() => undefined);
      throw error;
    }
  }

  private static async configure(
    instance: TracefsInstance,
    options: KernelCollectorOptions,
  ): Promise<KernelTraceCollector> {
    await instance.write('tracing_on', '0');
    await instance.write('trace_clock', 'mono');
    await instance.write('buffer_size_kb', String(options.bufferSizeKb ?? 4096));
    const layout = parsePageLayout(await instance.readGlobal('events/header_page'));
    const subbufKb = (await instance.has('buffer_subbuf_size_kb'))
      ? Number((await instance.read('buffer_subbuf_size_kb')).trim())
      : 4;
    const pageSize = Math.max(subbufKb * 1024, layout.dataOffset + 8);

    const enabled: TracepointName[] = [];
    const skipped: SkippedTracepoint[] = [];
    const unfiltered: TracepointName[] = [];
    const decoders = new Map<number, RecordDecoder>();
    for (const tracepoint of options.tracepoints ?? TRACEPOINTS) {
      if (!(await instance.has(`events/${tracepoint}/format`))) {
        skipped.push({ tracepoint, reason: `this kernel has no ${tracepoint} tracepoint` });
        continue;
      }
      const format = parseEventFormat(
        tracepoint.split('/')[0],
        await instance.read(`events/${tracepoint}/format`),
      );
      decoders.set(format.id, makeDecoder(tracepoint, format));
      const filter = addressFilter(options.addresses, format);
      try {
        if (filter === null) throw new Error('no 4-byte address fields');
        await instance.write(`events/${tracepoint}/filter`, filter);
      } catch {
        unfiltered.push(tracepoint);
      }
      await instance.write(`events/${tracepoint}/enable`, '1');
      enabled.push(tracepoint);
    }
    const collector = new KernelTraceCollector(
      instance,
      layout,
      pageSize,
      options,
      enabled,
      skipped,
      unfiltered,
    );
    for (const [id, decoder] of decoders) collector.decoders.set(id, decoder);
    for (const cpu of await instance.cpus()) {
      const path = `${instance.path}/per_cpu/cpu${cpu}/trace_pipe_raw`;
      collector.readers.push({
        cpu,
        fd: instance.trackFd(openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)),
      });
    }
    await instance.write('tracing_on', '1');
    collector.timer = setInterval(() => collector.drain(), options.pollIntervalMs ?? 20);
    collector.timer.unref();
    return collector;
  }

  /**
   * Reads every page the kernel has ready on every CPU, then hands `onEvent` the events
   * stamped before this drain began (less COMMIT_SLACK_NS) in timestamp order; returns the
   * number of events kept.
   */
  drain(): number {
    if (this.stopped) return 0;
    return this.drainBuffers();
  }

  private drainBuffers(): number {
    const beganNs = process.hrtime.bigint();
    let kept = 0;
    for (const reader of this.readers) {
      for (;;) {
        let n: number;
        try {
          n = readSync(reader.fd, this.page, 0, this.page.length, null);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EAGAIN') break;
          throw error;
        }
        if (n <= 0) break;
        kept += this.consumePage(this.page.subarray(0, n), reader.cpu);
      }
    }
    this.handOver(beganNs - COMMIT_SLACK_NS);
    return kept;
  }

  /** Passes the held events stamped at or before `upToNs` (all with null) to `onEvent`, oldest first. */
  private handOver(upToNs: bigint | null): void {
    for (const event of this.held.release(upToNs)) this.options.onEvent?.(event);
  }

  private consumePage(page: Buffer, cpu: number): number {
    const decoded = decodePage(page, this.layout);
    if (decoded.missedEvents !== 0) this.missedOnPages += Math.max(decoded.missedEvents, 1);
    let kept = 0;
    for (const record of decoded.records) {
      this.recordsRead += 1;
      const decoder = this.decoders.get(record.data.readUInt16LE(0));
      const event = decoder?.(record.data, record.ts, cpu);
      if (!event || !(this.addresses.has(event.local.addr) || this.addresses.has(event.remote.addr)))
        continue;
      this.events.push(event);
      this.held.hold(event);
      kept += 1;
    }
    return kept;
  }

  /**
   * Stops tracing, drains what the kernel recorded and returns it; begins removing the
   * instance (await dispose() for that). Throws 'trace/lost-events' when events were lost
   * and `allowLoss` is not set, and 'trace/collector-stopped' when called twice.
   */
  async stop(): Promise<KernelCollectorResult> {
    if (this.stopped)
      throw new TraceError('trace/collector-stopped', `collector ${this.instance.name} was already stopped`);
    this.halt();
    let result: KernelCollectorResult;
    try {
      this.instance.writeNow('tracing_on', '0');
      this.drainBuffers();
      this.handOver(null);
      const cpuStats = await Promise.all(
        this.readers.map(async ({ cpu }) =>
          parseCpuStats(cpu, await this.instance.read(`per_cpu/cpu${cpu}/stats`)),
        ),
      );
      result = {
        events: [...this.events].sort(byStamp),
        enabled: this.enabled,
        skipped: this.skipped,
        unfilteredInKernel: this.unfilteredInKernel,
        cpuStats,
        lostEvents: cpuStats.reduce((sum, s) => sum + lostEvents(s), 0) + this.missedOnPages,
        recordsRead: this.recordsRead,
      };
    } finally {
      this.instance.remove().catch(() => undefined); // awaited, and its failure reported, by dispose()
    }
    if (result.lostEvents > 0 && !this.options.allowLoss) {
      throw new TraceError(
        'trace/lost-events',
        `the kernel lost ${result.lostEvents} trace events in instance ${this.instance.name}; ` +
          'raise bufferSizeKb or lower pollIntervalMs',
        result,
      );
    }
    return result;
  }

  /**
   * Stops tracing if it still runs (without collecting) and resolves once the tracefs
   * instance is removed; rejects with 'trace/instance-remove-failed'. Idempotent.
   */
  dispose(): Promise<void> {
    this.halt();
    return this.instance.remove();
  }

  /** No more drains: stop() and dispose() both begin with it. */
  private halt(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }
}
