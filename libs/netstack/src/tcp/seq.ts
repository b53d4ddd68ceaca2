/**
 * Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4).
 *
 * Sequence numbers are unsigned 32-bit integers. Two numbers are compared by the sign of
 * their difference taken as a signed 32-bit value, which is meaningful as long as they
 * lie less than 2^31 apart — always true inside one connection's windows.
 */

export function seqAdd(seq: number, delta: number): number {
  return (seq + delta) >>> 0;
}

/** Signed distance `a - b` in the range [-2^31, 2^31). */
export function seqDiff(a: number, b: number): number {
  return (a - b) | 0;
}

export function seqLt(a: number, b: number): boolean {
  return seqDiff(a, b) < 0;
}

export function seqLe(a: number, b: number): boolean {
  return seqDiff(a, b) <= 0;
}

export function seqGt(a: number, b: number): boolean {
  return seqDiff(a, b) > 0;
}

export function seqGe(a: number, b: number): boolean {
  return seqDiff(a, b) >= 0;
}

/** True when `start <= seq < start + size` in modular arithmetic (size < 2^32). */
export function seqInWindow(seq: number, start: number, size: number): boolean {
  return (seq - start) >>> 0 < size;
}

export function seqMax(a: number, b: number): number {
  return seqGe(a, b) ? a : b;
}
