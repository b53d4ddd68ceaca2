import { CaptureError } from '../errors';
import {
  BLOCK_HEADER_LENGTH,
  BLOCK_OVERHEAD,
  BYTE_ORDER_MAGIC,
  BYTE_ORDER_MAGIC_SWAPPED,
  BlockType,
} from './constants';

/**
 * A checked view over one whole pcapng block (§3.1, "General Block Structure"):
 *
 *    0                   1                   2                   3
 *   +---------------------------------------------------------------+
 *   |                          Block Type                           |
 *   |                      Block Total Length                       |
 *   /                          Block Body                           /
 *   |                      Block Total Length                       |
 *   +---------------------------------------------------------------+
 *
 * `BlockView.checked` validates the framing once; after it returns, no accessor throws and
 * every body offset below `bodyLength` is readable.
 */
export class BlockView {
  private constructor(
    /** Exactly the block's bytes, header and trailer included. */
    readonly bytes: Uint8Array,
    readonly littleEndian: boolean,
    /** Offset of the block in the capture stream, for error messages. */
    readonly streamOffset: number,
    readonly data: DataView,
  ) {}

  static checked(bytes: Uint8Array, littleEndian: boolean, streamOffset: number): BlockView {
    if (bytes.length < BLOCK_OVERHEAD) {
      throw new CaptureError(
        'capture/truncated-block',
        `a pcapng block needs at least ${BLOCK_OVERHEAD} bytes, ${bytes.length} remain`,
        streamOffset,
      );
    }
    const data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const leading = data.getUint32(4, littleEndian);
    assertPlausibleLength(leading, streamOffset);
    if (leading !== bytes.length) {
      throw new CaptureError(
        'capture/truncated-block',
        `block declares ${leading} bytes but only ${bytes.length} are available`,
        streamOffset,
      );
    }
    const trailing = data.getUint32(bytes.length - 4, littleEndian);
    if (trailing !== leading) {
      throw new CaptureError(
        'capture/block-length-mismatch',
        `leading Block Total Length ${leading} differs from trailing ${trailing}; the file is corrupt`,
        streamOffset,
      );
    }
    return new BlockView(bytes, littleEndian, streamOffset, data);
  }

  get type(): number {
    return this.data.getUint32(0, this.littleEndian);
  }

  get totalLength(): number {
    return this.bytes.length;
  }

  /** Body length: total length minus the 12 bytes of framing. */
  get bodyLength(): number {
    return this.bytes.length - BLOCK_OVERHEAD;
  }

  /** Reads a field at a body-relative offset. Callers check `bodyLength` first. */
  u16(bodyOffset: number): number {
    return this.data.getUint16(BLOCK_HEADER_LENGTH + bodyOffset, this.littleEndian);
  }

  u32(bodyOffset: number): number {
    return this.data.getUint32(BLOCK_HEADER_LENGTH + bodyOffset, this.littleEndian);
  }

  i64(bodyOffset: number): bigint {
    return this.data.getBigInt64(BLOCK_HEADER_LENGTH + bodyOffset, this.littleEndian);
  }

  /** Body bytes [from, to), body-relative; shares memory with the block. */
  body(from = 0, to = this.bodyLength): Uint8Array {
    return this.bytes.subarray(BLOCK_HEADER_LENGTH + from, BLOCK_HEADER_LENGTH + to);
  }
}

/** Block Total Length must cover the framing and be a multiple of 4 (§3.1). */
export function assertPlausibleLength(totalLength: number, streamOffset: number): void {
  if (totalLength < BLOCK_OVERHEAD || totalLength % 4 !== 0) {
    throw new CaptureError(
      'capture/bad-block-length',
      `Block Total Length ${totalLength} is not a multiple of 4 of at least ${BLOCK_OVERHEAD}; the file is corrupt`,
      streamOffset,
    );
  }
}

/**
 * Byte order of a section, from its Section Header Block's Byte-Order Magic (§4.1). The SHB
 * block type 0x0A0D0D0A is a palindrome, so it can be recognised before the byte order is known.
 * `bytes` starts at the SHB and holds at least its first 12 bytes.
 */
export function sectionByteOrder(bytes: Uint8Array, streamOffset: number): { littleEndian: boolean } {
  const data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data.getUint32(0, true) !== BlockType.SectionHeader) {
    throw new CaptureError(
      'capture/not-pcapng',
      `expected a Section Header Block (type 0x0A0D0D0A), found 0x${hex32(data.getUint32(0, true))}; is this a pcapng file?`,
      streamOffset,
    );
  }
  const magic = data.getUint32(8, true);
  if (magic === BYTE_ORDER_MAGIC) return { littleEndian: true };
  if (magic === BYTE_ORDER_MAGIC_SWAPPED) return { littleEndian: false };
  throw new CaptureError(
    'capture/bad-byte-order',
    `Byte-Order Magic is 0x${hex32(magic)}, expected 0x1A2B3C4D in either byte order`,
    streamOffset,
  );
}

export function hex32(value: number): string {
  return value.toString(16).padStart(8, '0').toUpperCase();
}

/** Writes Block Type and Block Total Length at `offset`, and the trailing copy of the length (§3.1). */
export function emitBlockFraming(buf: Buffer, offset: number, type: number, totalLength: number): void {
  buf.writeUInt32LE(type, offset);
  buf.writeUInt32LE(totalLength, offset + 4);
  buf.writeUInt32LE(totalLength, offset + totalLength - 4);
}
