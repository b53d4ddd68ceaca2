/**
 * Received data by stream position (0 = first data octet, IRS+1): octets delivered in
 * order and not yet read, plus out-of-order octets kept for reassembly (buffering, as
 * RFC 9293 §3.10.7.4 recommends, instead of dropping them).
 *
 * Invariants: `end` is the position after the last in-order octet (RCV.NXT in stream
 * terms); out-of-order ranges are sorted, disjoint, non-adjacent and start after `end`;
 * the caller never stores beyond `end + capacity - readable` (the offered window).
 */
interface Range {
  start: number;
  data: Uint8Array;
}

export class RecvBuffer {
  private chunks: Uint8Array[] = [];
  /** Octets already read from chunks[0]. */
  private chunkOffset = 0;
  private readableCount = 0;
  private endPosition = 0;
  private outOfOrder: Range[] = [];

  constructor(readonly capacity: number) {}

  get readable(): number {
    return this.readableCount;
  }

  get end(): number {
    return this.endPosition;
  }

  /** Room left for in-order data: the most the receive window may offer. */
  get free(): number {
    return this.capacity - this.readableCount;
  }

  get outOfOrderBytes(): number {
    return this.outOfOrder.reduce((sum, range) => sum + range.data.length, 0);
  }

  get hasOutOfOrder(): boolean {
    return this.outOfOrder.length > 0;
  }

  /**
   * Stores octets received at stream position `start` and returns how far `end` advanced
   * (new in-order octets, including out-of-order data the write made contiguous). Octets
   * before `end` are duplicates; octets beyond the free space are discarded.
   */
  write(start: number, data: Uint8Array): number {
    const limit = this.endPosition + this.free;
    let from = Math.max(start, this.endPosition);
    const to = Math.min(start + data.length, limit);
    if (to <= from) return 0;
    let slice = data.subarray(from - start, to - start);
    if (from > this.endPosition) {
      this.insertOutOfOrder({ start: from, data: slice });
      return 0;
    }
    const before = this.endPosition;
    this.append(slice);
    while (this.outOfOrder.length > 0 && this.outOfOrder[0].start <= this.endPosition) {
      const range = this.outOfOrder.shift() as Range;
      from = this.endPosition - range.start;
      slice = range.data.subarray(Math.min(from, range.data.length));
      if (slice.length > 0) this.append(slice);
    }
    return this.endPosition - before;
  }

  /** Removes and returns up to `max` in-order octets. */
  read(max = Infinity): Uint8Array {
    const count = Math.min(max, this.readableCount);
    const out = new Uint8Array(count);
    let written = 0;
    while (written < count) {
      const chunk = this.chunks[0];
      const take = Math.min(chunk.length - this.chunkOffset, count - written);
      out.set(chunk.subarray(this.chunkOffset, this.chunkOffset + take), written);
      written += take;
      this.chunkOffset += take;
      if (this.chunkOffset === chunk.length) {
        this.chunks.shift();
        this.chunkOffset = 0;
      }
    }
    this.readableCount -= count;
    return out;
  }

  private append(data: Uint8Array): void {
    this.chunks.push(data);
    this.readableCount += data.length;
    this.endPosition += data.length;
  }

  /** Inserts a range, merging it with any range it overlaps or touches. */
  private insertOutOfOrder(range: Range): void {
    let start = range.start;
    let end = range.start + range.data.length;
    const merged: Range[] = [];
    const kept: Range[] = [];
    for (const existing of this.outOfOrder) {
      const existingEnd = existing.start + existing.data.length;
      if (existingEnd < start || existing.start > end) kept.push(existing);
      else {
        merged.push(existing);
        start = Math.min(start, existing.start);
        end = Math.max(end, existingEnd);
      }
    }
    const data = new Uint8Array(end - start);
    for (const part of [...merged, range]) data.set(part.data, part.start - start);
    kept.push({ start, data });
    kept.sort((a, b) => a.start - b.start);
    this.outOfOrder = kept;
  }
}
