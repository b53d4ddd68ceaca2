import { CaptureError } from '../errors';
import { emitBlockFraming, type BlockView } from './block';
import {
  BLOCK_HEADER_LENGTH,
  BLOCK_OVERHEAD,
  BlockType,
  CommonOption,
  EnhancedPacketOption,
  pad4,
} from './constants';
import {
  emitEndOfOptions,
  emitStringOption,
  emitU32Option,
  END_OF_OPTIONS_LENGTH,
  optionU32,
  parseOptions,
  stringOptionLength,
  stringsOf,
  U32_OPTION_LENGTH,
  zeroPad,
} from './options';

/**
 * Enhanced Packet Block (§4.3). Body: Interface ID (32), Timestamp Upper (32), Timestamp Lower
 * (32), Captured Packet Length (32), Original Packet Length (32), Packet Data padded to 32 bits,
 * options (epb_flags, opt_comment — the latter may repeat, §3.5).
 */
export interface EnhancedPacketRepr {
  readonly interfaceId: number;
  /** Timestamp in the interface's if_tsresol units (socklab writes nanoseconds). */
  readonly timestamp: bigint;
  /** Captured bytes; Captured Packet Length is `data.length`. */
  readonly data: Uint8Array;
  /** Length on the wire; at least `data.length`. */
  readonly originalLength: number;
  /** epb_flags word, or undefined when the option is absent. */
  readonly flags?: number;
  readonly comments: readonly string[];
}

const FIXED_BODY_LENGTH = 20;
const U64_MAX = (1n << 64n) - 1n;

export function parseEnhancedPacket(block: BlockView): EnhancedPacketRepr {
  if (block.bodyLength < FIXED_BODY_LENGTH) {
    throw new CaptureError(
      'capture/truncated-block',
      `Enhanced Packet Block body is ${block.bodyLength} bytes, needs at least ${FIXED_BODY_LENGTH}`,
      block.streamOffset,
    );
  }
  const capturedLength = block.u32(12);
  const originalLength = block.u32(16);
  const dataEnd = FIXED_BODY_LENGTH + capturedLength;
  if (dataEnd > block.bodyLength) {
    throw new CaptureError(
      'capture/bad-packet-length',
      `Captured Packet Length ${capturedLength} exceeds the ${block.bodyLength - FIXED_BODY_LENGTH} bytes left in the block`,
      block.streamOffset,
    );
  }
  const options = parseOptions(block, Math.min(FIXED_BODY_LENGTH + pad4(capturedLength), block.bodyLength));
  const flags = options.find((o) => o.code === EnhancedPacketOption.Flags);
  return {
    interfaceId: block.u32(0),
    timestamp: (BigInt(block.u32(4)) << 32n) | BigInt(block.u32(8)),
    data: block.body(FIXED_BODY_LENGTH, dataEnd),
    originalLength,
    flags: flags === undefined ? undefined : optionU32(flags, block.littleEndian, block),
    comments: stringsOf(options, CommonOption.Comment),
  };
}

export function enhancedPacketLength(repr: EnhancedPacketRepr): number {
  let options = 0;
  for (const comment of repr.comments) options += stringOptionLength(comment);
  if (repr.flags !== undefined) options += U32_OPTION_LENGTH;
  if (options > 0) options += END_OF_OPTIONS_LENGTH;
  return BLOCK_OVERHEAD + FIXED_BODY_LENGTH + pad4(repr.data.length) + options;
}

/**
 * Emits the block little-endian at `offset` and returns the offset past it. `length` may be
 * passed when the caller already computed `enhancedPacketLength(repr)`.
 */
export function emitEnhancedPacket(
  buf: Buffer,
  offset: number,
  repr: EnhancedPacketRepr,
  length = enhancedPacketLength(repr),
): number {
  if (repr.timestamp < 0n || repr.timestamp > U64_MAX) {
    throw new CaptureError(
      'capture/invalid-argument',
      `timestamp ${repr.timestamp} does not fit in 64 unsigned bits`,
    );
  }
  emitBlockFraming(buf, offset, BlockType.EnhancedPacket, length);
  let at = offset + BLOCK_HEADER_LENGTH;
  buf.writeUInt32LE(repr.interfaceId, at);
  buf.writeUInt32LE(Number(repr.timestamp >> 32n), at + 4);
  buf.writeUInt32LE(Number(repr.timestamp & 0xffffffffn), at + 8);
  buf.writeUInt32LE(repr.data.length, at + 12);
  buf.writeUInt32LE(repr.originalLength, at + 16);
  at += FIXED_BODY_LENGTH;
  buf.set(repr.data, at);
  at = zeroPad(buf, at, repr.data.length);
  if (repr.flags === undefined && repr.comments.length === 0) return offset + length;
  if (repr.flags !== undefined) at = emitU32Option(buf, at, EnhancedPacketOption.Flags, repr.flags);
  for (const comment of repr.comments) at = emitStringOption(buf, at, CommonOption.Comment, comment);
  emitEndOfOptions(buf, at);
  return offset + length;
}
