/**
 * One process `socklab serve` starts and owns: its output prefixed with its name, an
 * orderly stop (a signal, then SIGKILL past a grace period), and a report of exits the
 * owner did not ask for.
 *
 * Processes start in their own process group (`detached`), so a Ctrl-C typed at the
 * terminal reaches serve alone, which then stops each process in order: a runner that
 * got SIGINT from the terminal and SIGTERM from serve would take the second signal as
 * "exit now" and skip handing its jobs back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ServiceProcessSpec {
  /** Shown before every output line, e.g. "api", "runner-2". */
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  uid?: number;
  gid?: number;
  /** Signal asking for an orderly stop (postgres: SIGINT = fast shutdown). Default SIGTERM. */
  stopSignal?: NodeJS.Signals;
  /**
   * Keep stdin a pipe from serve: a node process loaded with exit-with-parent.cjs stops
   * itself when serve's end closes, even if serve was killed.
   */
  stdinPipe?: boolean;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class ServiceProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<Exit> | null = null;
  private stopping = false;
  startedAt = 0;

  constructor(
    readonly spec: ServiceProcessSpec,
    private readonly print: (line: string) => void,
    /** Called when the process exits without stop() having been called. */
    private readonly onUnexpectedExit: (exit: Exit) => void = () => undefined,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): void {
    const { spec } = this;
    this.stopping = false;
    this.startedAt = Date.now();
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      uid: spec.uid,
      gid: spec.gid,
      detached: true,
      stdio: [spec.stdinPipe ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    for (const stream of [child.stdout, child.stderr]) {
      if (stream)
        createInterface({ input: stream }).on('line', (line) => this.print(`[${spec.name}] ${line}`));
    }
    this.exited = new Promise<Exit>((resolve) => {
      child.once('error', (error) => {
        this.print(`[${spec.name}] cannot start ${spec.command}: ${error.message}`);
        resolve({ code: null, signal: null });
      });
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    void this.exited.then((exit) => {
      if (!this.stopping && this.child === child) this.onUnexpectedExit(exit);
    });
  }

  /** Resolves when the process has exited (at once if it never ran or already exited). */
  async wait(): Promise<Exit> {
    return (await this.exited) ?? { code: null, signal: null };
  }

  /** Asks for an orderly stop; SIGKILL after `graceMs`. Resolves once the process is gone. */
  async stop(graceMs: number): Promise<Exit> {
    this.stopping = true;
    if (!this.child || !this.running) return this.wait();
    this.signal(this.spec.stopSignal ?? 'SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    try {
      return await this.wait();
    } finally {
      clearTimeout(timer);
    }
  }

  /** Kills at once (a second Ctrl-C). */
  kill(): void {
    this.stopping = true;
    this.signal('SIGKILL');
  }

  private signal(signal: NodeJS.Signals): void {
    try {
      this.child?.kill(signal);
    } catch {
      // already gone
    }
  }
}
