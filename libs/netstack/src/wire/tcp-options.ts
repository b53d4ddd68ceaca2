/**
 * TCP options (RFC 9293 §3.2; RFC 7323 window scale and timestamps; RFC 2018 SACK).
 *
 * Parsing walks kind/length pairs: EOL ends the list, NOP is one byte, every other kind
 * carries a length byte ≥ 2 that must fit in the header; unknown kinds are skipped by
 * that length (RFC 9293 §3.1 MUST-68), known kinds with a wrong length are rejected.
 */
import { readU16, readU32, writeU16, writeU32 } from './bytes';
import { fail, ok, type WireResult } from './result';
import type { TcpOptions } from './tcp-repr';

export const TcpOptionKind = {
  End: 0,
  Nop: 1,
  Mss: 2,
  WindowScale: 3,
  SackPermitted: 4,
  Sack: 5,
  Timestamps: 8,
} as const;

/** Largest shift a receiver honours (RFC 7323 §2.3: larger values are treated as 14). */
export const MAX_WINDOW_SCALE = 14;
export const MAX_OPTIONS_LEN = 40;

export function parseTcpOptions(bytes: Uint8Array): WireResult<TcpOptions> {
  const options: TcpOptions = {};
  let i = 0;
  while (i < bytes.length) {
    const kind = bytes[i];
    if (kind === TcpOptionKind.End) break;
    if (kind === TcpOptionKind.Nop) {
      i += 1;
      continue;
    }
    if (i + 1 >= bytes.length) return fail('bad-option');
    const length = bytes[i + 1];
    if (length < 2 || i + length > bytes.length) return fail('bad-option');
    switch (kind) {
      case TcpOptionKind.Mss:
        if (length !== 4) return fail('bad-option');
        options.mss = readU16(bytes, i + 2);
        break;
      case TcpOptionKind.WindowScale:
        if (length !== 3) return fail('bad-option');
        options.windowScale = Math.min(bytes[i + 2], MAX_WINDOW_SCALE);
        break;
      case TcpOptionKind.SackPermitted:
        if (length !== 2) return fail('bad-option');
        options.sackPermitted = true;
        break;
      case TcpOptionKind.Sack: {
        if ((length - 2) % 8 !== 0 || length === 2) return fail('bad-option');
        const blocks: Array<[number, number]> = [];
        for (let at = i + 2; at < i + length; at += 8)
          blocks.push([readU32(bytes, at), readU32(bytes, at + 4)]);
        options.sackBlocks = blocks;
        break;
      }
      case TcpOptionKind.Timestamps:
        if (length !== 10) return fail('bad-option');
        options.timestamps = { tsVal: readU32(bytes, i + 2), tsEcr: readU32(bytes, i + 6) };
        break;
      default:
        break; // unknown kind: skipped by its length
    }
    i += length;
  }
  return ok(options);
}

/**
 * Layout used on emit, identical to Linux's so captures look familiar:
 * `mss | sackOK,TS | nop,nop,TS | nop,nop,sackOK | nop,wscale | nop,nop,SACK`.
 * Each piece is a multiple of 4 bytes, so no trailing padding is needed. SACK blocks that
 * would push the options past 40 bytes are left out (RFC 2018 §3: send as many as fit).
 */
export function tcpOptionsLength(options: TcpOptions): number {
  let length = fixedOptionsLength(options);
  const blocks = options.sackBlocks?.length ?? 0;
  if (blocks > 0) length += 4 + 8 * sackBlocksThatFit(length, blocks);
  return length;
}

function fixedOptionsLength(options: TcpOptions): number {
  let length = 0;
  if (options.mss !== undefined) length += 4;
  if (options.timestamps) length += 12;
  else if (options.sackPermitted) length += 4;
  if (options.windowScale !== undefined) length += 4;
  return length;
}

function sackBlocksThatFit(usedLength: number, blocks: number): number {
  return Math.max(0, Math.min(blocks, Math.floor((MAX_OPTIONS_LEN - usedLength - 4) / 8)));
}

/** Writes the options at `buffer[at…]`; returns the number of bytes written (`tcpOptionsLength`). */
export function emitTcpOptions(options: TcpOptions, buffer: Uint8Array, at: number): number {
  const start = at;
  if (options.mss !== undefined) {
    buffer[at] = TcpOptionKind.Mss;
    buffer[at + 1] = 4;
    writeU16(buffer, at + 2, options.mss);
    at += 4;
  }
  if (options.timestamps) {
    if (options.sackPermitted) {
      buffer[at] = TcpOptionKind.SackPermitted;
      buffer[at + 1] = 2;
    } else {
      buffer[at] = TcpOptionKind.Nop;
      buffer[at + 1] = TcpOptionKind.Nop;
    }
    buffer[at + 2] = TcpOptionKind.Timestamps;
    buffer[at + 3] = 10;
    writeU32(buffer, at + 4, options.timestamps.tsVal);
    writeU32(buffer, at + 8, options.timestamps.tsEcr);
    at += 12;
  } else if (options.sackPermitted) {
    buffer[at] = TcpOptionKind.Nop;
    buffer[at + 1] = TcpOptionKind.Nop;
    buffer[at + 2] = TcpOptionKind.SackPermitted;
    buffer[at + 3] = 2;
    at += 4;
  }
  if (options.windowScale !== undefined) {
    buffer[at] = TcpOptionKind.Nop;
    buffer[at + 1] = TcpOptionKind.WindowScale;
    buffer[at + 2] = 3;
    buffer[at + 3] = options.windowScale;
    at += 4;
  }
  const blocks = options.sackBlocks ?? [];
  const count = blocks.length > 0 ? sackBlocksThatFit(at - start, blocks.length) : 0;
  if (count > 0) {
    buffer[at] = TcpOptionKind.Nop;
    buffer[at + 1] = TcpOptionKind.Nop;
    buffer[at + 2] = TcpOptionKind.Sack;
    buffer[at + 3] = 2 + 8 * count;
    at += 4;
    for (let k = 0; k < count; k++) {
      writeU32(buffer, at, blocks[k][0]);
      writeU32(buffer, at + 4, blocks[k][1]);
      at += 8;
    }
  }
  return at - start;
}
