/**
 * Removals of stopped program containers that run in the background, per sandbox job:
 * Podman's remove takes 50-130 ms, which no longer delays `wait()`; `DockerDriver.reap`
 * awaits those of its job before it removes what is left. A removal never rejects here
 * (none is an unhandled rejection), and one that failed is not lost: its container keeps
 * the job label, so reap finds it and removes it itself.
 */
export class PendingRemovals {
  private readonly byJob = new Map<string, Set<Promise<void>>>();

  add(jobId: string, removal: Promise<unknown>): void {
    const pending = this.byJob.get(jobId) ?? new Set<Promise<void>>();
    this.byJob.set(jobId, pending);
    const settled: Promise<void> = removal.then(
      () => this.forget(jobId, settled),
      () => this.forget(jobId, settled),
    );
    pending.add(settled);
  }

  /** Resolves once every removal of the job started so far has settled, failed or not. */
  async settled(jobId: string): Promise<void> {
    await Promise.all(this.byJob.get(jobId) ?? []);
  }

  /** How many removals of the job are still under way. */
  count(jobId: string): number {
    return this.byJob.get(jobId)?.size ?? 0;
  }

  private forget(jobId: string, settled: Promise<void>): void {
    const pending = this.byJob.get(jobId);
    pending?.delete(settled);
    if (pending?.size === 0) this.byJob.delete(jobId);
  }
}
