import { describe } from './errors';

/**
 * Cleanup that goes on in the background while the run continues: a finished scenario's
 * network and sandboxes, the build's sandbox. Removing them takes the kernel and the
 * container engine tens to hundreds of milliseconds that nothing after them needs — but
 * execute() never returns before every one has finished, so a run still leaves nothing
 * behind, and whatever could not be removed is reported ('lab/teardown-failed').
 */
export class Teardowns {
  private readonly pending: Promise<string[]>[] = [];

  /** `work` resolves with the problems it met (it never rejects, as a dispose() does). */
  addProblems(work: Promise<string[]>): void {
    this.pending.push(work.catch((error: unknown) => [describe(error)]));
  }

  /** `work` rejects when it failed: the failure is reported as `<what>: <reason>`. */
  add(what: string, work: Promise<unknown>): void {
    this.pending.push(
      work.then(
        () => [],
        (error: unknown) => [`${what}: ${describe(error)}`],
      ),
    );
  }

  /** Waits for everything added so far (and added meanwhile); the problems of all of it. */
  async settle(): Promise<string[]> {
    let settled = 0;
    while (settled < this.pending.length) {
      settled = this.pending.length;
      await Promise.all(this.pending);
    }
    return (await Promise.all(this.pending)).flat();
  }
}
