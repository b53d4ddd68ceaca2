/**
 * What a user waits for: the wall time of
 *   npx socklab run half-close-echo <the pack's reference C solution> --json --driver D
 * from a shell, start-up included (npx, Node, loading the lab, build, both scenarios,
 * grading, artifacts). Target: under 3 s, with the local and the docker driver. Also the
 * same for a faulty solution, and the share of the time spent in the lab itself (the
 * report's timings.totalMs).
 *   npx nx bench cli            (as root; RUNS=10, DRIVERS=local,docker by default;
 *                                docker needs infra/images/setup-podman.sh)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const RUNS = Number(process.env['RUNS'] ?? 10);
const DRIVERS = (process.env['DRIVERS'] ?? 'local,docker').split(',');
const SOLUTIONS = path.join(REPO_ROOT, 'libs/pack/exercises/half-close-echo/solutions');
const CASES: { name: string; source: string }[] = [
  { name: 'reference', source: path.join(SOLUTIONS, 'reference/c/main.c') },
  { name: 'faulty never-closes', source: path.join(SOLUTIONS, 'faulty/never-closes/c/main.c') },
];

interface Sample {
  wallMs: number;
  labMs: number;
  score: number;
}

function runOnce(source: string, driver: string): Sample {
  const out = mkdtempSync(path.join(tmpdir(), 'cli-bench-'));
  try {
    const started = performance.now();
    const stdout = execFileSync(
      'npx',
      ['socklab', 'run', 'half-close-echo', source, '--json', '--driver', driver, '--out', out],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    const wallMs = performance.now() - started;
    const report = JSON.parse(stdout) as { score: number; timings: { totalMs: number } };
    return { wallMs, labMs: report.timings.totalMs, score: report.score };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

for (const driver of DRIVERS) {
  for (const { name, source } of CASES) {
    runOnce(source, driver); // warm-up: fills the transpile cache and the page cache
    const samples = Array.from({ length: RUNS }, () => runOnce(source, driver));
    const walls = samples.map((s) => s.wallMs).sort((a, b) => a - b);
    const labs = samples.map((s) => s.labMs).sort((a, b) => a - b);
    const p50 = quantile(walls, 0.5);
    console.log(
      `${driver.padEnd(7)}${name.padEnd(20)} score ${samples[0].score}: wall p50 ${p50.toFixed(0)} ms, p90 ${quantile(walls, 0.9).toFixed(0)} ms ` +
        `${name === 'reference' ? `(target < 3000 ms: ${p50 < 3000 ? 'meets' : 'MISSES'})` : '(no target)'}; lab p50 ${quantile(labs, 0.5).toFixed(0)} ms, ` +
        `start-up and exit ${(p50 - quantile(labs, 0.5)).toFixed(0)} ms; load average ${loadavg()[0].toFixed(1)}`,
    );
  }
}
