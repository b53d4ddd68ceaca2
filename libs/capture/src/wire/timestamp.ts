/**
 * Timestamp resolution (if_tsresol, §4.2): if the most significant bit is 0 the remaining bits
 * are a negative power of 10, otherwise a negative power of 2. Absent means 10^-6 (microseconds).
 * Enhanced Packet Blocks carry a 64-bit count of these units since 1970-01-01 00:00:00 UTC,
 * split into upper and lower 32 bits (§4.3), plus the interface's if_tsoffset seconds (§4.2).
 */
export interface TimestampResolution {
  readonly base: 10 | 2;
  readonly exponent: number;
}

export const MICROSECONDS: TimestampResolution = { base: 10, exponent: 6 };
export const NANOSECONDS: TimestampResolution = { base: 10, exponent: 9 };

export function decodeTsresol(byte: number): TimestampResolution {
  return byte & 0x80 ? { base: 2, exponent: byte & 0x7f } : { base: 10, exponent: byte };
}

export function encodeTsresol(resolution: TimestampResolution): number {
  return resolution.base === 2 ? 0x80 | resolution.exponent : resolution.exponent;
}

const NS_PER_SECOND = 1_000_000_000n;

/** Converts a raw timestamp in `resolution` units to nanoseconds, truncating finer resolutions. */
export function unitsToNanoseconds(
  units: bigint,
  resolution: TimestampResolution,
  offsetSeconds = 0n,
): bigint {
  const offset = offsetSeconds * NS_PER_SECOND;
  if (resolution.base === 2) return offset + ((units * NS_PER_SECOND) >> BigInt(resolution.exponent));
  const shift = resolution.exponent - 9;
  if (shift === 0) return offset + units;
  return offset + (shift < 0 ? units * 10n ** BigInt(-shift) : units / 10n ** BigInt(shift));
}
