/**
 * The Internet checksum (RFC 1071): the 16-bit one's-complement of the one's-complement
 * sum of the data taken as big-endian 16-bit words, an odd trailing byte padded with zero.
 *
 * `sumWords` returns a partial sum — congruent modulo 0xffff to the sum of the words, which
 * is all one's-complement addition keeps (RFC 1071 §2(A)) — so that a pseudo-header and a
 * payload can be summed separately and combined by addition (RFC 1071 §2(C)).
 *
 * Long ranges are summed four bytes at a time through a Uint32Array in the host's byte
 * order (RFC 1071 §2(B), byte-order independence): 2^16 ≡ 1 (mod 0xffff) makes the sum
 * of 32-bit words congruent to the sum of their 16-bit halves, and a sum whose 16-bit
 * units pair the bytes the other way round (little-endian host, or the aligned part
 * starting an odd number of bytes into the range) is the byte-swapped sum, because
 * 256 · 256 ≡ 1. Checksums of 64 KiB TSO-sized segments are the hottest loop of a bulk
 * transfer; this is about four times faster than the byte loop.
 */
import type { Ipv4Addr } from './ip-types';

export function sumWords(bytes: Uint8Array, start = 0, end = bytes.length, initial = 0): number {
  if (end - start < WORD_PARALLEL_MIN_BYTES) return sumWordsBytewise(bytes, start, end, initial);
  let sum = initial;
  let i = start;
  // Bytes before the first 4-aligned address, each in its place within a big-endian word.
  for (; (bytes.byteOffset + i) & 3; i++) sum += (i - start) & 1 ? bytes[i] : bytes[i] << 8;
  const aligned = (end - i) >>> 2;
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, aligned);
  let wide = 0;
  for (let w = 0; w < aligned; ) {
    // Each word adds at most 0x1fffe: flushing every 8192 words keeps the loop in int32.
    const stop = Math.min(aligned, w + WORDS_PER_FLUSH);
    let chunk = 0;
    for (; w < stop; w++) {
      const word = words[w];
      chunk += (word & 0xffff) + (word >>> 16);
    }
    wide = fold16(wide + chunk);
  }
  const bigEndianPairs = ((i - start) & 1) === (HOST_IS_LITTLE_ENDIAN ? 1 : 0);
  sum += bigEndianPairs ? wide : swap16(wide);
  for (i += aligned * 4; i < end; i++) sum += (i - start) & 1 ? bytes[i] : bytes[i] << 8;
  return sum;
}

/** Below this the typed-array view costs more than it saves. */
const WORD_PARALLEL_MIN_BYTES = 64;
const WORDS_PER_FLUSH = 8192;
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

function sumWordsBytewise(bytes: Uint8Array, start: number, end: number, initial: number): number {
  let sum = initial;
  let i = start;
  const evenEnd = end - ((end - start) & 1);
  // Unrolled by four words.
  const blockEnd = evenEnd - ((evenEnd - i) & 7);
  for (; i < blockEnd; i += 8) {
    sum +=
      ((bytes[i] << 8) | bytes[i + 1]) +
      ((bytes[i + 2] << 8) | bytes[i + 3]) +
      ((bytes[i + 4] << 8) | bytes[i + 5]) +
      ((bytes[i + 6] << 8) | bytes[i + 7]);
  }
  for (; i < evenEnd; i += 2) sum += (bytes[i] << 8) | bytes[i + 1];
  if (evenEnd < end) sum += bytes[end - 1] << 8;
  return sum;
}

/** One's-complement fold to at most 16 bits, keeping the value modulo 0xffff. */
function fold16(sum: number): number {
  while (sum > 0xffff) sum = (sum % 0x10000) + Math.floor(sum / 0x10000);
  return sum;
}

function swap16(value: number): number {
  return ((value & 0xff) << 8) | (value >>> 8);
}

/** Folds carries into 16 bits and complements: the value that goes into a checksum field. */
export function foldComplement(sum: number): number {
  return ~fold16(sum) & 0xffff;
}

/** Checksum of `bytes[start, end)`. Over data that includes a correct checksum field it is 0. */
export function internetChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return foldComplement(sumWords(bytes, start, end));
}

/** Partial sum of the IPv4 pseudo-header used by TCP and UDP (RFC 9293 §3.1, RFC 768). */
export function pseudoHeaderSum(src: Ipv4Addr, dst: Ipv4Addr, protocol: number, length: number): number {
  return (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + protocol + length;
}
