/** The bytes of `send: {bytes: n, pattern}` and of generated input files; 'random' is seeded per run. */
import { SeededRandom } from '@socklab/labnet';
import type { BYTE_PATTERNS } from '@socklab/exercise';

export type BytePattern = (typeof BYTE_PATTERNS)[number];

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

export function generateBytes(length: number, pattern: BytePattern, seed: number): Buffer {
  const out = Buffer.alloc(length);
  switch (pattern) {
    case 'zeros':
      return out;
    case 'alphabet':
      for (let i = 0; i < length; i++) out[i] = ALPHABET.charCodeAt(i % ALPHABET.length);
      return out;
    case 'counter':
      for (let i = 0; i < length; i++) out[i] = i & 0xff;
      return out;
    case 'random': {
      const random = new SeededRandom(seed >>> 0);
      for (let i = 0; i < length; i++) out[i] = Math.floor(random.next() * 256);
      return out;
    }
  }
}
