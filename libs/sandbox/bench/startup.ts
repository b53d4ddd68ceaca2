/**
 * Sandbox start-up latency per driver, p50/p95 over N runs of `/bin/echo up`:
 * - start-up: from run() until the program's first output reaches us — the sandbox is
 *   built and the learner's program is running and heard. Targets: local <= 30 ms,
 *   docker <= 200 ms.
 * - round trip: from run() until wait() resolved — the exit observed, the output drained
 *   and the run's cgroup removed: what a run that does nothing costs its caller. The
 *   docker driver removes the container in the background, which reap awaits.
 * - reap: the job's reap after the last run (its pending removals, the netns holder).
 * Also the CPU time the start-up costs (this process, plus the processes it started and
 * reaped: sh, nsenter, bwrap, setpriv… for the local driver), per run: on a loaded
 * machine latency mostly measures the wait for a CPU, while this measures our work.
 *   npx nx bench sandbox            (needs root; docker part needs infra/images/setup-podman.sh)
 */
import { mkdtempSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DockerDriver,
  LocalDriver,
  type SandboxDriver,
  type SandboxLimits,
  type SandboxProcess,
} from '../src';

const RUNS = Number(process.env['SANDBOX_BENCH_RUNS'] ?? 40);
const LIMITS: SandboxLimits = {
  wallMs: 10_000,
  cpuSeconds: 5,
  memoryBytes: 64 << 20,
  pids: 16,
  fileSizeBytes: 1 << 20,
  openFiles: 64,
  outputBytes: 1 << 16,
};

/** CPU seconds used by this process and by the children it has reaped (proc(5): utime…cstime). */
function cpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  // fields[11..14] are utime, stime, cutime, cstime in clock ticks (USER_HZ = 100 on Linux).
  return (fields[11] + fields[12] + fields[13] + fields[14]) / 100;
}

async function measure(
  driver: SandboxDriver,
  workDir: string,
): Promise<{ startups: number[]; roundTrips: number[]; cpuMs: number; reapMs: number }> {
  const jobId = `bench-${process.pid}-${driver.name}`;
  await driver.prepare(jobId);
  const startups: number[] = [];
  const roundTrips: number[] = [];
  let cpuStart = 0;
  let reapStarted = 0n;
  try {
    for (let i = 0; i < RUNS + 3; i++) {
      if (i === 3) cpuStart = cpuSeconds();
      const started = process.hrtime.bigint();
      const sandbox = await driver.run({
        jobId,
        role: 'bench',
        argv: ['/bin/echo', 'up'],
        workDir,
        writable: false,
        network: 'job',
        limits: LIMITS,
      });
      const first = await firstOutput(sandbox);
      const heard = process.hrtime.bigint();
      const exit = await sandbox.wait();
      const done = process.hrtime.bigint();
      if (exit.exitCode !== 0 || first !== 'up\n') {
        throw new Error(`/bin/echo failed: ${JSON.stringify({ exit, first })}`);
      }
      if (i >= 3) {
        // 3 warm-up runs
        startups.push(Number(heard - started) / 1e6);
        roundTrips.push(Number(done - started) / 1e6);
      }
    }
    reapStarted = process.hrtime.bigint();
  } finally {
    await driver.reap(jobId);
  }
  const reapMs = Number(process.hrtime.bigint() - reapStarted) / 1e6;
  const sorted = (values: number[]): number[] => values.sort((a, b) => a - b);
  return {
    startups: sorted(startups),
    roundTrips: sorted(roundTrips),
    cpuMs: ((cpuSeconds() - cpuStart) * 1000) / RUNS,
    reapMs,
  };
}

/** The first chunk of stdout, as text. */
async function firstOutput(sandbox: SandboxProcess): Promise<string> {
  for await (const chunk of sandbox.output()) if (chunk.stream === 'stdout') return chunk.data.toString();
  return '';
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'sls-bench-'));
  chmodSync(workDir, 0o755);
  const targets: [SandboxDriver, number][] = [
    [new LocalDriver(), 30],
    [new DockerDriver(), 200],
  ];
  try {
    for (const [driver, targetMs] of targets) {
      const measured = await measure(driver, workDir).catch((error: unknown) => {
        console.log(`${driver.name.padEnd(7)} skipped: ${String(error)}`);
        return null;
      });
      if (measured === null) continue;
      const { startups, roundTrips, cpuMs, reapMs } = measured;
      const figures = (values: number[]): string =>
        `p50=${percentile(values, 50).toFixed(1)}ms p95=${percentile(values, 95).toFixed(1)}ms`;
      const verdict = (p: number): string => (percentile(startups, p) <= targetMs ? 'meets' : 'MISSES');
      console.log(
        `${driver.name.padEnd(7)} runs=${startups.length} start-up ${figures(startups)} ` +
          `(target ${targetMs}ms: p50 ${verdict(50)}, p95 ${verdict(95)}); ` +
          `round trip ${figures(roundTrips)}; reap ${reapMs.toFixed(1)}ms; CPU ${cpuMs.toFixed(1)} ms per run; ` +
          `load average ${loadavg()[0].toFixed(1)}`,
      );
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

void main();
