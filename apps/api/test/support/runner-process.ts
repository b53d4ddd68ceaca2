import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ApiConfig } from '../../src/config/env';

const REPO_ROOT = path.resolve(__dirname, '../../../..');

export interface RunnerProcess {
  /** Everything it printed so far (for a failing test's message). */
  output(): string;
  stop(): Promise<void>;
}

const REGISTER_TS = path.join(REPO_ROOT, 'apps/cli/bin/register-ts.cjs');

/**
 * The real runner (apps/runner/src/main.ts, through apps/cli/bin/register-ts.cjs as `socklab serve` starts it) on
 * the test API's database, queue prefix and event prefix, with private work and artifact
 * folders. `stop()` sends SIGTERM and waits for it to exit (SIGKILL after 15 s).
 */
export function startRunnerProcess(config: ApiConfig): RunnerProcess {
  const scratch = mkdtempSync(path.join(tmpdir(), 'api-test-runner-'));
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['-r', REGISTER_TS, 'apps/runner/src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: config.databaseUrl,
      REDIS_URL: config.redisUrl,
      SOCKLAB_QUEUE_PREFIX: config.queue.prefix,
      SOCKLAB_EVENTS_PREFIX: config.live.eventsPrefix,
      SOCKLAB_RUNNER_METRICS_PORT: '0',
      SOCKLAB_RUNNER_WORK_DIR: path.join(scratch, 'work'),
      SOCKLAB_ARTIFACT_DIR: path.join(scratch, 'artifacts'),
      SOCKLAB_RUNNER_SHUTDOWN_GRACE_MS: '2000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
