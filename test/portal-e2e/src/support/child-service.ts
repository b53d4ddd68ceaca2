import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { WORKSPACE } from './paths';

/**
 * A socklab app (API or runner) in a child process, run from its TypeScript sources as in
 * development. Its output goes to a log file kept with the test's artifacts.
 */
export class ChildService {
  private exited = false;
  private output = '';

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    child.once('exit', () => (this.exited = true));
  }

  static start(name: string, entry: string, env: Record<string, string>, logFile: string): ChildService {
    const log = createWriteStream(logFile);
    const child = spawn(
      process.execPath,
      ['-r', path.join(WORKSPACE, 'apps/cli/bin/register-ts.cjs'), path.join(WORKSPACE, entry)],
      {
        cwd: WORKSPACE,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const service = new ChildService(name, child);
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        log.write(chunk);
        service.output = (service.output + chunk.toString()).slice(-20_000);
      });
    }
    child.once('exit', () => log.end());
    return service;
  }

  /** Resolves when `ready()` holds; fails early, with the output, if the process exits. */
  async waitUntil(ready: (output: string) => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await ready(this.output))) {
      if (this.exited) throw new Error(`${this.name} exited while starting:\n${this.output}`);
      if (Date.now() > deadline)
        throw new Error(`${this.name} not ready within ${timeoutMs} ms:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** SIGTERM (graceful), then SIGKILL if it is still there after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (this.exited || this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}
