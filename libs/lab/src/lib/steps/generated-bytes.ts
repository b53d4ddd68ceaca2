/** The bytes of `send: {bytes: n, pattern}` and of generated input files; 'random' is seeded per run. */
import { SeededRandom } from '@socklab/labnet';
import { patternBytes, type BytePattern } from '@socklab/exercise';

export function generateBytes(length: number, pattern: BytePattern, seed: number): Buffer {
  if (pattern !== 'random') {
    const bytes = patternBytes(length, pattern);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  const out = Buffer.alloc(length);
  const random = new SeededRandom(seed >>> 0);
  for (let i = 0; i < length; i++) out[i] = Math.floor(random.next() * 256);
  return out;
}
