import type { RunnerMetrics, RunPhase } from './metrics';

/** Feeds the phase-duration histogram as a run moves through its phases. */
export class PhaseClock {
  private current: { phase: RunPhase; since: number } | null = null;

  constructor(private readonly metrics: RunnerMetrics) {}

  enter(phase: RunPhase): void {
    this.end();
    this.current = { phase, since: performance.now() };
  }

  end(): void {
    if (this.current)
      this.metrics.observePhase(this.current.phase, (performance.now() - this.current.since) / 1_000);
    this.current = null;
  }
}
