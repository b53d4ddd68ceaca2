/**
 * `socklab serve` as a child process of a test: started with --json, ready when its one
 * JSON status line arrives, stopped with a signal. Its stderr (the service's logs) is kept
 * and shown when a start fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');
const SOCKLAB_BIN = path.join(REPO_ROOT, 'apps/cli/bin/socklab.js');

/** The fields of serve's --json status line the tests read (apps/cli/src/service/local-service.ts). */
export interface ServeStatus {
  url: string;
  apiPid: number;
  runners: { pid: number; metricsUrl: string }[];
  postgres: 'running' | 'started-locally';
  redis: 'running' | 'started-locally';
  portal: string | null;
  credentials: {
    tenant: { id: string; slug: string };
    owner: { id: string; email: string; password: string };
    apiToken: { token: string; scopes: string[] };
  } | null;
  credentialsFile: string;
  firstStart: boolean;
}

export interface ServeHandle {
  status: ServeStatus;
  child: ChildProcess;
  /** stderr lines so far: the service's processes, prefixed "[api] ", "[runner-1] ", … */
  logs: string[];
  /** Sends `signal` and resolves with serve's exit code. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
}

export async function startServe(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 240_000,
): Promise<ServeHandle> {
  const child = spawn(process.execPath, [SOCKLAB_BIN, 'serve', '--json', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { stdout, stderr } = child;
  if (!stdout || !stderr) throw new Error('socklab serve: no output pipes');
  const logs: string[] = [];
  createInterface({ input: stderr }).on('line', (line) => logs.push(line));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const status = await new Promise<ServeStatus>((resolve, reject) => {
    const timer = setTimeout(() => fail(`no status line within ${timeoutMs} ms`), timeoutMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGTERM');
      reject(new Error(`socklab serve: ${why}\n${logs.slice(-40).join('\n')}`));
    };
    createInterface({ input: stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as ServeStatus);
    });
    void exited.then((code) => fail(`exited with ${code} before it was up`));
  });
  return {
    status,
    child,
    logs,
    async stop(signal = 'SIGTERM', ms = 90_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
