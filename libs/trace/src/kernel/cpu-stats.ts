/** `per_cpu/cpuN/stats` of a tracefs instance (kernel/trace/trace.c tracing_stats_read). */
export interface CpuBufferStats {
  cpu: number;
  entries: number;
  /** Events overwritten because the buffer was full (overwrite mode). */
  overrun: number;
  /** Events lost because a writer wrapped past the commit page (interrupt storms). */
  commitOverrun: number;
  /** Events rejected because the buffer was full (no-overwrite mode). */
  dropped: number;
  read: number;
}

export function parseCpuStats(cpu: number, text: string): CpuBufferStats {
  const value = (label: string): number =>
    Number(new RegExp(`^${label}:\\s*(\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return {
    cpu,
    entries: value('entries'),
    overrun: value('overrun'),
    commitOverrun: value('commit overrun'),
    dropped: value('dropped events'),
    read: value('read events'),
  };
}

export function lostEvents(stats: CpuBufferStats): number {
  return stats.overrun + stats.commitOverrun + stats.dropped;
}
