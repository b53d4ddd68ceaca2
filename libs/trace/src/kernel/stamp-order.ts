/**
 * Merges events read from several time-ordered buffers (one per CPU) into one stream in
 * timestamp order. Events are held until the reader knows that nothing stamped earlier can
 * still be read, then released oldest first. Events with equal stamps keep the order they
 * were held in (one buffer's order for its own events).
 */
export class StampOrder<T extends { tNs: bigint }> {
  private held: T[] = [];

  get size(): number {
    return this.held.length;
  }

  hold(event: T): void {
    this.held.push(event);
  }

  /** Removes and returns, oldest first, the held events stamped at or before `upToNs` (all when null). */
  release(upToNs: bigint | null): T[] {
    if (this.held.length === 0) return [];
    this.held.sort(byStamp); // stable
    let due = this.held.length;
    if (upToNs !== null) {
      due = 0;
      while (due < this.held.length && this.held[due].tNs <= upToNs) due++;
    }
    return this.held.splice(0, due);
  }
}

export function byStamp(a: { tNs: bigint }, b: { tNs: bigint }): number {
  return a.tNs < b.tNs ? -1 : a.tNs > b.tNs ? 1 : 0;
}
