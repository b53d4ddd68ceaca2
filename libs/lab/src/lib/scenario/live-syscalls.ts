/**
 * The learner programs' socket calls as 'syscall' LabEvents while the programs run. Every
 * POLL_MS the strace file of each run started so far is read for the calls completed since
 * (StraceFollower, asynchronous reads); the new calls of all runs are emitted oldest first,
 * `t` = when the call returned (for a call its process never returned from: when the
 * process ended). stop(), once the programs have exited, reads every file to its end.
 *
 * These events only mirror the run: the scenario's evidence still parses the whole files at
 * the end (run-scenario.ts readStrace), so a file that cannot be read live changes nothing
 * but the live view.
 */
import { join } from 'node:path';
import { realtimeToMonotonic, StraceFollower, type ClockPair, type FollowedCall } from '@socklab/trace';
import type { LabEventSink } from '../events';

/** Often enough for a person watching; each poll is a few asynchronous reads. */
const POLL_MS = 25;

export interface TracedRun {
  readonly host: string;
  /** File (relative to the work dir) strace writes to. */
  readonly straceFile: string;
}

export interface LiveSyscallsInput {
  workDir: string;
  /** Every run started so far (a restart adds one); read at each poll. */
  runs: () => readonly TracedRun[];
  /** The run's realtime/monotonic pair: strace stamps CLOCK_REALTIME. */
  clock: ClockPair;
  events: LabEventSink;
}

export class LiveSyscalls {
  private readonly followers = new Map<string, { host: string; follower: StraceFollower }>();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private stopped = false;

  private constructor(private readonly input: LiveSyscallsInput) {}

  static start(input: LiveSyscallsInput): LiveSyscalls {
    const live = new LiveSyscalls(input);
    live.schedule();
    return live;
  }

  /** The programs have exited: emits every call left in their files and stops polling. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.halt();
    await this.polling;
    await this.poll(true);
  }

  /** Stops polling and releases the files without emitting more (teardown). Idempotent. */
  async dispose(): Promise<void> {
    this.halt();
    await this.polling;
    await Promise.all([...this.followers.values()].map(({ follower }) => follower.close()));
  }

  private halt(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.polling = this.poll(false).finally(() => {
        this.polling = null;
        this.schedule();
      });
    }, POLL_MS);
    this.timer.unref();
  }

  private async poll(final: boolean): Promise<void> {
    const fresh: { host: string; followed: FollowedCall }[] = [];
    for (const run of this.input.runs()) {
      let entry = this.followers.get(run.straceFile);
      if (!entry) {
        entry = { host: run.host, follower: new StraceFollower(join(this.input.workDir, run.straceFile)) };
        this.followers.set(run.straceFile, entry);
      }
      const { host, follower } = entry;
      try {
        const calls = final ? await follower.finish() : await follower.poll();
        for (const followed of calls) fresh.push({ host, followed });
      } catch {
        // Left to the end-of-scenario parse of the whole file (see the file comment).
        await follower.close().catch(() => undefined);
      }
    }
    const nowNs = process.hrtime.bigint();
    const timed = fresh.map(({ host, followed }) => ({
      host,
      call: followed.call,
      atNs: followed.endedNs === null ? nowNs : realtimeToMonotonic(followed.endedNs, this.input.clock),
    }));
    timed.sort((a, b) => (a.atNs < b.atNs ? -1 : a.atNs > b.atNs ? 1 : 0)); // stable: a file's own order on ties
    for (const { host, call, atNs } of timed) {
      this.input.events.emitObserved(
        {
          type: 'syscall',
          host,
          pid: Math.max(1, call.pid),
          name: call.name,
          args: call.args,
          result: call.ret !== null && /^-?\d+$/.test(call.ret) ? Number(call.ret) : 0,
          ...(call.errno ? { errno: call.errno } : {}),
        },
        atNs,
        'strace',
      );
    }
  }
}
