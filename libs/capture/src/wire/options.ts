import { CaptureError } from '../errors';
import { CommonOption, pad4 } from './constants';
import type { BlockView } from './block';

/**
 * Options (§3.5): a TLV list at the end of a block body, each value padded to 32 bits,
 * terminated by opt_endofopt (code 0, length 0) or by the end of the body.
 *
 *   | Option Code (16) | Option Length (16) | Option Value (padded to 32 bits) ... |
 */
export interface RawOption {
  readonly code: number;
  /** Value bytes without padding; shares memory with the block. */
  readonly value: Uint8Array;
}

const OPTION_HEADER_LENGTH = 4;
const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Parses the options starting at a body-relative offset up to the end of the body. */
export function parseOptions(block: BlockView, bodyOffset: number): RawOption[] {
  const options: RawOption[] = [];
  let at = bodyOffset;
  const end = block.bodyLength;
  while (at + OPTION_HEADER_LENGTH <= end) {
    const code = block.u16(at);
    const length = block.u16(at + 2);
    if (code === CommonOption.EndOfOptions) return options;
    const valueStart = at + OPTION_HEADER_LENGTH;
    if (valueStart + length > end) {
      throw new CaptureError(
        'capture/bad-option',
        `option ${code} declares ${length} value bytes but only ${end - valueStart} remain in the block body`,
        block.streamOffset,
      );
    }
    options.push({ code, value: block.body(valueStart, valueStart + length) });
    at = valueStart + pad4(length);
  }
  if (at !== end) {
    throw new CaptureError(
      'capture/bad-option',
      `${end - at} stray bytes after the last option; an option header needs 4`,
      block.streamOffset,
    );
  }
  return options;
}

export function optionString(option: RawOption): string {
  // Strings are UTF-8 and not zero-terminated (§3.5); tolerate a terminator some writers add.
  const end = option.value.length > 0 && option.value[option.value.length - 1] === 0 ? -1 : undefined;
  return utf8.decode(option.value.subarray(0, end));
}

export function optionU32(option: RawOption, littleEndian: boolean, block: BlockView): number {
  return fixedWidth(option, 4, block).getUint32(0, littleEndian);
}

export function optionI64(option: RawOption, littleEndian: boolean, block: BlockView): bigint {
  return fixedWidth(option, 8, block).getBigInt64(0, littleEndian);
}

export function optionU8(option: RawOption, block: BlockView): number {
  return fixedWidth(option, 1, block).getUint8(0);
}

export function stringsOf(options: readonly RawOption[], code: number): string[] {
  return options.filter((o) => o.code === code).map(optionString);
}

export function firstString(options: readonly RawOption[], code: number): string | undefined {
  const option = options.find((o) => o.code === code);
  return option === undefined ? undefined : optionString(option);
}

function fixedWidth(option: RawOption, width: number, block: BlockView): DataView {
  if (option.value.length !== width) {
    throw new CaptureError(
      'capture/bad-option',
      `option ${option.code} must be ${width} bytes long, found ${option.value.length}`,
      block.streamOffset,
    );
  }
  return new DataView(option.value.buffer, option.value.byteOffset, width);
}

/*
 * Emitting. Writers always produce little-endian blocks; every function writes at `offset` and
 * returns the offset just past what it wrote. `buf` must have room (see the *Length helpers).
 */

export function stringOptionLength(value: string): number {
  return OPTION_HEADER_LENGTH + pad4(Buffer.byteLength(value, 'utf8'));
}

export function emitStringOption(buf: Buffer, offset: number, code: number, value: string): number {
  const length = Buffer.byteLength(value, 'utf8');
  if (length > 0xffff) {
    throw new CaptureError(
      'capture/invalid-argument',
      `option ${code} is ${length} bytes of UTF-8; pcapng option values are limited to 65535 bytes`,
    );
  }
  buf.writeUInt16LE(code, offset);
  buf.writeUInt16LE(length, offset + 2);
  buf.write(value, offset + OPTION_HEADER_LENGTH, length, 'utf8');
  return zeroPad(buf, offset + OPTION_HEADER_LENGTH, length);
}

export const U32_OPTION_LENGTH = OPTION_HEADER_LENGTH + 4;

export function emitU32Option(buf: Buffer, offset: number, code: number, value: number): number {
  buf.writeUInt16LE(code, offset);
  buf.writeUInt16LE(4, offset + 2);
  buf.writeUInt32LE(value >>> 0, offset + 4);
  return offset + U32_OPTION_LENGTH;
}

export const U8_OPTION_LENGTH = OPTION_HEADER_LENGTH + 4;

export function emitU8Option(buf: Buffer, offset: number, code: number, value: number): number {
  buf.writeUInt16LE(code, offset);
  buf.writeUInt16LE(1, offset + 2);
  buf.writeUInt8(value, offset + 4);
  return zeroPad(buf, offset + OPTION_HEADER_LENGTH, 1);
}

export const END_OF_OPTIONS_LENGTH = OPTION_HEADER_LENGTH;

export function emitEndOfOptions(buf: Buffer, offset: number): number {
  buf.writeUInt32LE(0, offset);
  return offset + END_OF_OPTIONS_LENGTH;
}

/**
 * Zero-fills the padding after a `length`-byte field starting at `start` up to its 32-bit
 * boundary (padding must be zero, §3.1) and returns the offset past the padding.
 */
export function zeroPad(buf: Buffer, start: number, length: number): number {
  const end = start + pad4(length);
  if (end > start + length) buf.fill(0, start + length, end);
  return end;
}
