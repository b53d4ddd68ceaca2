/**
 * The service's own processes as `socklab serve` runs them: the API and the runners,
 * each a node process on its TypeScript sources (through bin/register-ts.cjs, as
 * bin/socklab.js runs the CLI), restarted when it dies unexpectedly.
 */
import path from 'node:path';
import { ServiceProcess, type Exit, type ServiceProcessSpec } from './service-process';

/** The checkout's root (apps/cli/src/service → four levels up). */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** The require hook that runs TypeScript sources with a persistent transpile cache. */
const REGISTER_TS = path.join(REPO_ROOT, 'apps/cli/bin/register-ts.cjs');

export const API_ENTRY = 'apps/api/src/main.ts';
export const RUNNER_ENTRY = 'apps/runner/src/main.ts';

export function nodeAppSpec(name: string, entry: string, env: NodeJS.ProcessEnv): ServiceProcessSpec {
  return {
    name,
    command: process.execPath,
    args: ['-r', REGISTER_TS, '-r', path.join(__dirname, 'exit-with-parent.cjs'), entry],
    cwd: REPO_ROOT,
    env,
    stdinPipe: true,
  };
}

/**
 * Restarts a process that exits on its own (a crash, a kill -9), one second later.
 * A process that keeps dying within 10 s of its start (3 times in a row) is given up on:
 * `onGiveUp` decides what then (serve stops everything).
 */
export class RestartingProcess {
  readonly process: ServiceProcess;
  private quickDeaths = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    spec: ServiceProcessSpec,
    print: (line: string) => void,
    onGiveUp: (name: string, exit: Exit) => void,
  ) {
    this.process = new ServiceProcess(spec, print, (exit) => {
      const quick = Date.now() - this.process.startedAt < 10_000;
      this.quickDeaths = quick ? this.quickDeaths + 1 : 0;
      const how = exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
      if (this.quickDeaths >= 3) {
        print(`[${spec.name}] exited (${how}) ${this.quickDeaths} times right after starting; giving up`);
        onGiveUp(spec.name, exit);
        return;
      }
      print(`[${spec.name}] exited unexpectedly (${how}); restarting`);
      this.restartTimer = setTimeout(() => {
        if (!this.stopped) this.process.start();
      }, 1_000);
    });
  }

  start(): void {
    this.process.start();
  }

  async stop(graceMs: number): Promise<Exit> {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    return this.process.stop(graceMs);
  }

  kill(): void {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.process.kill();
  }
}
