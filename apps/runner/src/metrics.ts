/** Prometheus text exposition (format 0.0.4) of the runner's own counters; no client library. */
export type JobOutcome = 'done' | 'failed' | 'cancelled' | 'dropped' | 'retrying' | 'handed-back';
export type RunPhase = 'building' | 'running' | 'grading' | 'storing';

const BUCKETS_SECONDS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

export class RunnerMetrics {
  private readonly processed = new Map<JobOutcome, number>();
  private readonly phases = new Map<RunPhase, { buckets: number[]; sum: number; count: number }>();
  private inFlight = 0;

  jobStarted(): void {
    this.inFlight++;
  }

  jobFinished(outcome: JobOutcome): void {
    this.inFlight--;
    this.processed.set(outcome, (this.processed.get(outcome) ?? 0) + 1);
  }

  observePhase(phase: RunPhase, seconds: number): void {
    const entry = this.phases.get(phase) ?? { buckets: BUCKETS_SECONDS.map(() => 0), sum: 0, count: 0 };
    entry.buckets = entry.buckets.map((n, i) => (seconds <= (BUCKETS_SECONDS[i] ?? Infinity) ? n + 1 : n));
    entry.sum += seconds;
    entry.count++;
    this.phases.set(phase, entry);
  }

  get jobsInFlight(): number {
    return this.inFlight;
  }

  render(): string {
    const lines = [
      '# HELP socklab_runner_jobs_processed_total Lab jobs finished by this runner, by outcome.',
      '# TYPE socklab_runner_jobs_processed_total counter',
      ...[...this.processed].map(
        ([outcome, n]) => `socklab_runner_jobs_processed_total{outcome="${outcome}"} ${n}`,
      ),
      '# HELP socklab_runner_jobs_in_flight Lab jobs this runner is working on.',
      '# TYPE socklab_runner_jobs_in_flight gauge',
      `socklab_runner_jobs_in_flight ${this.inFlight}`,
      '# HELP socklab_runner_phase_duration_seconds Time runs spent in each phase.',
      '# TYPE socklab_runner_phase_duration_seconds histogram',
    ];
    for (const [phase, entry] of this.phases) {
      BUCKETS_SECONDS.forEach((le, i) =>
        lines.push(
          `socklab_runner_phase_duration_seconds_bucket{phase="${phase}",le="${le}"} ${entry.buckets[i]}`,
        ),
      );
      lines.push(`socklab_runner_phase_duration_seconds_bucket{phase="${phase}",le="+Inf"} ${entry.count}`);
      lines.push(`socklab_runner_phase_duration_seconds_sum{phase="${phase}"} ${entry.sum}`);
      lines.push(`socklab_runner_phase_duration_seconds_count{phase="${phase}"} ${entry.count}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
