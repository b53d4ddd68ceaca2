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

  it('builds the pseudo-header sum from addresses, protocol and length', () => {
    expect(pseudoHeaderSum(0x0a000001, 0x0a000002, 6, 40)).toBe(0x0a00 + 0x0001 + 0x0a00 + 0x0002 + 6 + 40);
  });
});
