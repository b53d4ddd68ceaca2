/**
 * End-to-end lab time and graded runs per minute, as the service runs them: execute() on
 * the pack's half-close-echo exercise (2 scenarios, run one after another as the runner
 * does) with its reference C solution, graded by the real grader — build, both scenarios,
 * grading, artifacts and teardown. Every run must score full marks, or the bench fails.
 *
 * Prints per driver:
 * - sequential runs: p50/p90 of execute()'s wall time (target p50 ≤ 1500 ms), with the
 *   build and scenario parts;
 * - graded runs per minute, measured: JOBS runs started CONCURRENCY at a time (1 and 2 by
 *   default: the runner's SOCKLAB_RUNNER_CONCURRENCY), counted over the elapsed wall time.
 *
 *   npx nx bench lab     (as root; RUNS=10, JOBS=12, CONCURRENCY=1,2, DRIVERS=local,docker;
 *                         docker needs infra/images/setup-podman.sh)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadExerciseFolder, type LoadedExercise } from '@socklab/exercise';
import { DockerDriver, LocalDriver, type SandboxDriver } from '@socklab/sandbox';
import { execute, mapConcurrently, type LabReport } from '../src';

const RUNS = Number(process.env['RUNS'] ?? 10);
const JOBS = Number(process.env['JOBS'] ?? 12);
const CONCURRENCY = (process.env['CONCURRENCY'] ?? '1,2').split(',').map(Number);
const DRIVERS = (process.env['DRIVERS'] ?? 'local,docker').split(',');
const EXERCISE_DIR = resolve(__dirname, '../../pack/exercises/half-close-echo');
const TARGET_P50_MS = 1500;

function makeDriver(name: string): SandboxDriver {
  if (name === 'local') return new LocalDriver();
  if (name === 'docker') return new DockerDriver();
  throw new Error(`unknown driver ${name}: local or docker`);
}

/** The exercise and its reference C solution's files. */
interface Reference {
  exercise: LoadedExercise;
  files: { name: string; content: string }[];
}

async function loadReference(): Promise<Reference> {
  const loaded = await loadExerciseFolder(EXERCISE_DIR);
  if (!loaded.ok) throw new Error(`cannot load ${EXERCISE_DIR}: ${JSON.stringify(loaded.errors)}`);
  const tree = loaded.value.reference.find((source) => source.language === 'c');
  if (tree === undefined) throw new Error('half-close-echo has no C reference solution');
  const files = tree.files.map((name) => ({ name, content: readFileSync(join(tree.dir, name), 'utf8') }));
  return { exercise: loaded.value, files };
}

let jobCounter = 0;

/** One graded run, timed from execute()'s call to its report; fails unless it scored full marks. */
async function gradedRun(
  driver: SandboxDriver,
  reference: Reference,
): Promise<{ ms: number; report: LabReport }> {
  const outDir = mkdtempSync(join(tmpdir(), 'lab-bench-'));
  try {
    const started = performance.now();
    const report = await execute(
      { spec: reference.exercise.spec, dir: reference.exercise.dir },
      { language: 'c', files: reference.files },
      { driver, outDir, jobId: `lab-bench-${process.pid}-${++jobCounter}`, seed: jobCounter },
    );
    const ms = performance.now() - started;
    if (!report.gradable || report.score !== report.maxScore) {
      throw new Error(
        `run ${jobCounter} scored ${report.score}/${report.maxScore}: ${JSON.stringify(report.infraError ?? report.scenarios)}`,
      );
    }
    return { ms, report };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

async function benchDriver(name: string, reference: Reference): Promise<void> {
  const driver = makeDriver(name);
  await gradedRun(driver, reference); // warm-up: page cache, the engine's image, the JIT
  const runs: { ms: number; report: LabReport }[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await gradedRun(driver, reference));
  const walls = runs.map((r) => r.ms).sort((a, b) => a - b);
  const builds = runs.map((r) => r.report.timings.buildMs).sort((a, b) => a - b);
  const scenarios = runs
    .map((r) => Object.values(r.report.timings.scenariosMs).reduce((sum, ms) => sum + ms, 0))
    .sort((a, b) => a - b);
  const p50 = quantile(walls, 0.5);
  console.log(
    `${name.padEnd(7)}sequential runs=${RUNS}: p50 ${p50.toFixed(0)} ms, p90 ${quantile(walls, 0.9).toFixed(0)} ms ` +
      `(target p50 ≤ ${TARGET_P50_MS} ms: ${p50 <= TARGET_P50_MS ? 'meets' : 'MISSES'}); ` +
      `build p50 ${quantile(builds, 0.5).toFixed(0)} ms, both scenarios p50 ${quantile(scenarios, 0.5).toFixed(0)} ms; ` +
      `load average ${loadavg()[0].toFixed(1)}`,
  );
  for (const concurrency of CONCURRENCY) {
    const started = performance.now();
    await mapConcurrently(Array.from({ length: JOBS }), concurrency, () => gradedRun(driver, reference));
    const minutes = (performance.now() - started) / 60_000;
    console.log(
      `${name.padEnd(7)}throughput, ${JOBS} jobs ${concurrency} at a time: ${(JOBS / minutes).toFixed(1)} graded runs/min ` +
        `(measured over ${(minutes * 60).toFixed(1)} s); load average ${loadavg()[0].toFixed(1)}`,
    );
  }
}

async function main(): Promise<void> {
  const reference = await loadReference();
  for (const name of DRIVERS) await benchDriver(name, reference);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
