/**
 * End-to-end lab time for the C solution of the half-close echo test exercise (2
 * scenarios): build + both scenarios + teardown, as execute() reports it. Prints p50/p90
 * and runs per minute. Run as root: `npx nx run lab:bench` (RUNS=10 by default).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDriver } from '@socklab/sandbox';
import { execute } from '../src';
import { ECHO_SERVER_C, echoExercise } from '../test/fixtures/exercise';

async function main(): Promise<void> {
  const runs = Number(process.env.RUNS ?? 10);
  const driver = new LocalDriver();
  const spec = echoExercise({ twoScenarios: true });
  const totals: number[] = [];
  for (let i = 0; i < runs; i++) {
    const outDir = mkdtempSync(join(tmpdir(), 'lab-bench-'));
    const started = performance.now();
    const report = await execute(
      { spec },
      { language: 'c', files: [{ name: 'main.c', content: ECHO_SERVER_C }] },
      {
        driver,
        outDir,
        jobId: `lab-bench-${i}`,
        seed: i,
        grade: (s) => ({
          score: 0,
          maxScore: 0,
          gradable: true,
          scenarios: s.scenarios.map(() => ({ id: '', title: '', checks: [] })),
        }),
      },
    );
    const ms = performance.now() - started;
    if (!report.gradable) throw new Error(`run ${i} failed: ${JSON.stringify(report.infraError)}`);
    totals.push(ms);
    console.log(
      `run ${i}: ${ms.toFixed(0)} ms (build ${report.timings.buildMs} ms, scenarios ${JSON.stringify(report.timings.scenariosMs)})`,
    );
    rmSync(outDir, { recursive: true, force: true });
  }
  const sorted = [...totals].sort((a, b) => a - b);
  const quantile = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  console.log(
    `p50 ${quantile(0.5).toFixed(0)} ms, p90 ${quantile(0.9).toFixed(0)} ms, ${(60_000 / quantile(0.5)).toFixed(1)} runs/min (sequential)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
