/**
 * The bytes of the deterministic byte patterns, defined once so that the lab that sends
 * them (`send: {bytes, pattern}`, input files) and the grader that expects them (stream
 * parts `{bytes, pattern}`) agree. Browser-safe. `random` is the lab's: seeded per run.
 */
import type { DeterministicBytePattern } from './vocabulary';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();

export function patternBytes(length: number, pattern: DeterministicBytePattern): Uint8Array {
  const out = new Uint8Array(length);
  switch (pattern) {
    case 'zeros':
      return out;
    case 'alphabet':
    case 'alphabet-upper': {
      const letters = pattern === 'alphabet' ? LOWER : UPPER;
      for (let i = 0; i < length; i++) out[i] = letters.charCodeAt(i % letters.length);
      return out;
    }
    case 'counter':
      for (let i = 0; i < length; i++) out[i] = i & 0xff;
      return out;
  }
}
