import type { SendOptions } from './api';
import { TcpError } from './errors';

/**
 * One write, or one slice of a write the user asked to be cut in a particular way.
 * `start` is the piece's position in the byte stream (0 = first data octet, ISS+1).
 */
interface Piece {
  start: number;
  data: Uint8Array;
  /** 'auto' data may share a segment with neighbouring 'auto' data; other pieces never do. */
  coalesce: boolean;
  /** The write ended here with push requested: a segment carrying this last octet gets PSH. */
  push: boolean;
}

export interface SegmentCut {
  length: number;
  push: boolean;
}

/**
 * Data the user has written and the peer has not yet acknowledged, by stream position.
 *
 * Invariants: pieces are contiguous and ordered; `head` (position of the first
 * unacknowledged octet) lies inside the first live piece or at the end of the stream;
 * `length = end - head <= capacity`.
 */
export class SendBuffer {
  private pieces: Piece[] = [];
  /** Index of the first piece still holding unacknowledged data. */
  private first = 0;
  private head = 0;
  private end = 0;

  constructor(readonly capacity: number) {}

  /** Octets written and not yet acknowledged (sent or not). */
  get length(): number {
    return this.end - this.head;
  }

  get free(): number {
    return this.capacity - this.length;
  }

  /**
   * Appends as much of `data` as fits and returns how many octets were taken. With explicit
   * segment sizes only whole segments are taken, so the requested cuts are kept.
   */
  write(data: Uint8Array, options: SendOptions = {}): number {
    const sizes = cutSizes(data.length, options.segmentation ?? 'auto');
    const coalesce = (options.segmentation ?? 'auto') === 'auto';
    const push = options.push ?? true;
    let taken = 0;
    for (const size of sizes) {
      const room = this.free;
      const piece = coalesce ? Math.min(size, room) : size <= room ? size : 0;
      if (piece === 0) break;
      this.pieces.push({
        start: this.end,
        data: data.subarray(taken, taken + piece),
        coalesce,
        push: push && taken + piece === data.length,
      });
      this.end += piece;
      taken += piece;
      if (piece < size) break;
    }
    return taken;
  }

  /** Drops `count` acknowledged octets from the front. */
  consume(count: number): void {
    if (count < 0 || count > this.length)
      throw new RangeError(`cannot consume ${count} of ${this.length} octets`);
    this.head += count;
    while (this.first < this.pieces.length && this.pieceEnd(this.pieces[this.first]) <= this.head)
      this.first++;
    if (this.first > 64 && this.first * 2 > this.pieces.length) {
      this.pieces = this.pieces.slice(this.first);
      this.first = 0;
    }
  }

  /**
   * How long the segment starting `offset` octets past the head may be, given at most
   * `limit` octets. 'auto' data runs across neighbouring 'auto' pieces; a non-coalescing
   * piece is sent whole, or — only when `mayCutPiece` — cut at `limit`. Returns length 0
   * when the piece must wait for a larger limit.
   */
  nextSegment(offset: number, limit: number, mayCutPiece: boolean): SegmentCut {
    const position = this.head + offset;
    let index = this.pieceIndexAt(position);
    if (index < 0 || limit <= 0) return { length: 0, push: false };
    const firstPiece = this.pieces[index];
    const firstRemaining = this.pieceEnd(firstPiece) - position;
    if (!firstPiece.coalesce) {
      if (firstRemaining <= limit) return { length: firstRemaining, push: firstPiece.push };
      return mayCutPiece ? { length: limit, push: false } : { length: 0, push: false };
    }
    let length = Math.min(firstRemaining, limit);
    let push = length === firstRemaining && firstPiece.push;
    while (length < limit && ++index < this.pieces.length && this.pieces[index].coalesce) {
      const piece = this.pieces[index];
      const take = Math.min(piece.data.length, limit - length);
      length += take;
      push = take === piece.data.length ? piece.push || push : push;
    }
    return { length, push };
  }

  /** Copies `length` octets starting `offset` octets past the head. */
  read(offset: number, length: number): Uint8Array {
    if (offset < 0 || offset + length > this.length) throw new RangeError('read outside the send buffer');
    const out = new Uint8Array(length);
    let position = this.head + offset;
    let index = this.pieceIndexAt(position);
    let written = 0;
    while (written < length) {
      const piece = this.pieces[index];
      const from = position - piece.start;
      const chunk = piece.data.subarray(from, from + (length - written));
      out.set(chunk, written);
      written += chunk.length;
      position += chunk.length;
      index++;
    }
    return out;
  }

  private pieceEnd(piece: Piece): number {
    return piece.start + piece.data.length;
  }

  /** Binary search for the live piece holding stream position `position`; -1 when none. */
  private pieceIndexAt(position: number): number {
    let low = this.first;
    let high = this.pieces.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const piece = this.pieces[mid];
      if (position < piece.start) high = mid - 1;
      else if (position >= this.pieceEnd(piece)) low = mid + 1;
      else return mid;
    }
    return -1;
  }
}

function cutSizes(length: number, segmentation: NonNullable<SendOptions['segmentation']>): number[] {
  if (segmentation === 'auto') return length > 0 ? [length] : [];
  if (typeof segmentation === 'number') {
    if (!Number.isInteger(segmentation) || segmentation < 1) {
      throw new TcpError(
        'tcp/invalid-argument',
        `segmentation must be a positive integer, got ${segmentation}`,
      );
    }
    const sizes: number[] = [];
    for (let done = 0; done < length; done += segmentation) sizes.push(Math.min(segmentation, length - done));
    return sizes;
  }
  const total = segmentation.reduce((sum, size) => sum + size, 0);
  if (segmentation.some((size) => !Number.isInteger(size) || size < 1) || total !== length) {
    throw new TcpError(
      'tcp/invalid-argument',
      `segment sizes must be positive integers summing to ${length} (got ${segmentation.join('+')} = ${total})`,
    );
  }
  return [...segmentation];
}
