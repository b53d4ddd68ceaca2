import { CaptureError } from '../errors';
import { emitBlockFraming, type BlockView } from './block';
import { BLOCK_HEADER_LENGTH, BLOCK_OVERHEAD, BlockType, pad4 } from './constants';
import { zeroPad } from './options';

/**
 * Simple Packet Block (§4.4). Body: Original Packet Length (32), Packet Data padded to 32 bits.
 * It has no interface id (always interface 0), no timestamp and no options. The captured length
 * is not stored: it is the minimum of the Original Packet Length, the SnapLen of interface 0
 * (when non-zero) and the bytes the body holds.
 */
export interface SimplePacketRepr {
  readonly originalLength: number;
  readonly data: Uint8Array;
}

const FIXED_BODY_LENGTH = 4;

export function parseSimplePacket(block: BlockView, interfaceSnapLength: number): SimplePacketRepr {
  if (block.bodyLength < FIXED_BODY_LENGTH) {
    throw new CaptureError(
      'capture/truncated-block',
      `Simple Packet Block body is ${block.bodyLength} bytes, needs at least ${FIXED_BODY_LENGTH}`,
      block.streamOffset,
    );
  }
  const originalLength = block.u32(0);
  let captured = Math.min(originalLength, block.bodyLength - FIXED_BODY_LENGTH);
  if (interfaceSnapLength > 0) captured = Math.min(captured, interfaceSnapLength);
  return { originalLength, data: block.body(FIXED_BODY_LENGTH, FIXED_BODY_LENGTH + captured) };
}

export function simplePacketLength(repr: SimplePacketRepr): number {
  return BLOCK_OVERHEAD + FIXED_BODY_LENGTH + pad4(repr.data.length);
}

export function emitSimplePacket(buf: Buffer, offset: number, repr: SimplePacketRepr): number {
  const total = simplePacketLength(repr);
  emitBlockFraming(buf, offset, BlockType.SimplePacket, total);
  const at = offset + BLOCK_HEADER_LENGTH;
  buf.writeUInt32LE(repr.originalLength, at);
  buf.set(repr.data, at + FIXED_BODY_LENGTH);
  zeroPad(buf, at + FIXED_BODY_LENGTH, repr.data.length);
  return offset + total;
}
