import type { LabEvent, UnsequencedLabEvent } from '@socklab/contracts';

/**
 * The slice of @socklab/lab's `execute` the runner depends on, injected so the processor
 * is tested with a fake engine. main.ts binds it to the real engine and sandbox driver.
 */
export interface LabExecutor {
  execute(
    exercise: { spec: unknown },
    submission: { language: string; files: { name: string; content: string }[] },
    options: {
      outDir: string;
      jobId: string;
      signal: AbortSignal;
      onEvent: (event: LabEvent | UnsequencedLabEvent) => void;
    },
  ): Promise<LabRunReport>;
}

/** What the runner reads of the lab's LabReport (the whole object is stored as the run's report). */
export interface LabRunReport {
  score: number;
  maxScore: number;
  gradable: boolean;
  /** Set when the lab itself failed: the run is retried, then marked not gradable. */
  infraError?: { code: string; message: string };
  /** Files the lab wrote into outDir, to be stored. */
  artifacts: { name: string; path: string; bytes: number }[];
}
