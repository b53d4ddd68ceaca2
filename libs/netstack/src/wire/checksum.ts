/**
 * The Internet checksum (RFC 1071): the 16-bit one's-complement of the one's-complement
 * sum of the data taken as big-endian 16-bit words, an odd trailing byte padded with zero.
 *
 * `sumWords` returns an unfolded partial sum so that a pseudo-header and a payload can be
 * summed separately and combined by addition (RFC 1071 §2(C)); JS numbers hold the
 * unfolded sum exactly for any packet size (at most 2^31 for 64 KiB).
 */
import type { Ipv4Addr } from './ip-types';

export function sumWords(bytes: Uint8Array, start = 0, end = bytes.length, initial = 0): number {
  let sum = initial;
  let i = start;
  const evenEnd = end - ((end - start) & 1);
  // Unrolled by four words: the checksum is the one per-byte loop on the hot path.
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

/** Folds carries into 16 bits and complements: the value that goes into a checksum field. */
export function foldComplement(sum: number): number {
  while (sum > 0xffff) sum = (sum % 0x10000) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}

/** Checksum of `bytes[start, end)`. Over data that includes a correct checksum field it is 0. */
export function internetChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return foldComplement(sumWords(bytes, start, end));
}

/** Partial sum of the IPv4 pseudo-header used by TCP and UDP (RFC 9293 §3.1, RFC 768). */
export function pseudoHeaderSum(src: Ipv4Addr, dst: Ipv4Addr, protocol: number, length: number): number {
  return (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + protocol + length;
}
