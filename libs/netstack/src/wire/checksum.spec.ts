import { FIXTURES, hex } from './__fixtures__/frames';
import { foldComplement, internetChecksum, pseudoHeaderSum, sumWords } from './checksum';

describe('Internet checksum (RFC 1071)', () => {
  it('matches the worked example of RFC 1071 §3', () => {
    const bytes = hex('0001f203f4f5f6f7');
    expect(sumWords(bytes) % 0xffff).toBe(0xddf2);
    expect(internetChecksum(bytes)).toBe(0x220d);
  });

  it('pads an odd trailing byte with zero', () => {
    expect(internetChecksum(hex('0001f203f4f5f6'))).toBe(internetChecksum(hex('0001f203f4f5f600')));
  });

  it('computes a well-known IPv4 header checksum (0xb861) and verifies to zero', () => {
    const header = hex('450000730000400040110000c0a80001c0a800c7');
    expect(internetChecksum(header)).toBe(0xb861);
    header[10] = 0xb8;
    header[11] = 0x61;
    expect(internetChecksum(header)).toBe(0);
  });

  it('sums a sub-range and combines partial sums like one pass over the whole', () => {
    const frame = FIXTURES.data;
    const whole = internetChecksum(frame, 14, frame.length);
    expect(foldComplement(sumWords(frame, 14, 34) + sumWords(frame, 34, frame.length))).toBe(whole);
    // the unrolled loop and the tail loop agree at every length
    for (let n = 0; n <= 40; n++) {
      let naive = 0;
      for (let i = 0; i < n; i += 2) naive += (frame[i] << 8) | (i + 1 < n ? frame[i + 1] : 0);
      expect(sumWords(frame, 0, n)).toBe(naive);
    }
  });

  it('sums long ranges word-parallel to the same checksum at every alignment, length and offset', () => {
    // Deterministic pseudo-random bytes (xorshift), a buffer larger than any frame.
    const buffer = new Uint8Array(70_000 + 16);
    let x = 0x9e3779b9;
    for (let i = 0; i < buffer.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      buffer[i] = x & 0xff;
    }
    const naiveSum = (bytes: Uint8Array, start: number, end: number): number => {
      let sum = 0;
      for (let i = start; i < end; i += 2) sum += (bytes[i] << 8) | (i + 1 < end ? bytes[i + 1] : 0);
      return sum;
    };
    for (const viewOffset of [0, 1, 2, 3]) {
      const view = buffer.subarray(viewOffset);
      for (const start of [0, 1, 2, 3, 14, 54]) {
        for (const length of [63, 64, 65, 66, 67, 1500, 1501, 9014, 65535, 70_000 - 54]) {
          const end = start + length;
          expect(foldComplement(sumWords(view, start, end, 0x1234))).toBe(
            foldComplement(naiveSum(view, start, end) + 0x1234),
          );
        }
      }
    }
    // All-ones data: the sum is 0xffff·n, whose fold must stay the one's-complement zero.
    const ones = new Uint8Array(4096).fill(0xff);
    expect(internetChecksum(ones)).toBe(0);
  });

  it('builds the pseudo-header sum from addresses, protocol and length', () => {
    expect(pseudoHeaderSum(0x0a000001, 0x0a000002, 6, 40)).toBe(0x0a00 + 0x0001 + 0x0a00 + 0x0002 + 6 + 40);
  });
});
