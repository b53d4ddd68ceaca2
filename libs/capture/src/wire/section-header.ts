import { CaptureError } from '../errors';
import { emitBlockFraming, type BlockView } from './block';
import {
  BLOCK_HEADER_LENGTH,
  BLOCK_OVERHEAD,
  BYTE_ORDER_MAGIC,
  BlockType,
  CommonOption,
  MAJOR_VERSION,
  MINOR_VERSION,
  SECTION_LENGTH_UNSPECIFIED,
  SectionHeaderOption,
} from './constants';
import {
  emitEndOfOptions,
  emitStringOption,
  END_OF_OPTIONS_LENGTH,
  firstString,
  parseOptions,
  stringOptionLength,
  stringsOf,
} from './options';

/**
 * Section Header Block (§4.1). Body: Byte-Order Magic (32), Major Version (16), Minor Version
 * (16), Section Length (64, -1 = unspecified), options (shb_hardware, shb_os, shb_userappl,
 * opt_comment). A section's byte order and its interface numbering start here.
 */
export interface SectionHeaderRepr {
  readonly majorVersion: number;
  readonly minorVersion: number;
  /** Bytes of the section after this block, or -1n when not specified (always so when streaming). */
  readonly sectionLength: bigint;
  readonly hardware?: string;
  readonly os?: string;
  readonly userApplication?: string;
  readonly comments: readonly string[];
}

const FIXED_BODY_LENGTH = 16;

export function parseSectionHeader(block: BlockView): SectionHeaderRepr {
  if (block.bodyLength < FIXED_BODY_LENGTH) {
    throw new CaptureError(
      'capture/truncated-block',
      `Section Header Block body is ${block.bodyLength} bytes, needs at least ${FIXED_BODY_LENGTH}`,
      block.streamOffset,
    );
  }
  const majorVersion = block.u16(4);
  const minorVersion = block.u16(6);
  if (majorVersion !== MAJOR_VERSION) {
    throw new CaptureError(
      'capture/unsupported-version',
      `pcapng major version ${majorVersion}.${minorVersion} is not supported; only ${MAJOR_VERSION}.x is`,
      block.streamOffset,
    );
  }
  const options = parseOptions(block, FIXED_BODY_LENGTH);
  return {
    majorVersion,
    minorVersion,
    sectionLength: block.i64(8),
    hardware: firstString(options, SectionHeaderOption.Hardware),
    os: firstString(options, SectionHeaderOption.Os),
    userApplication: firstString(options, SectionHeaderOption.UserApplication),
    comments: stringsOf(options, CommonOption.Comment),
  };
}

export function newSectionHeader(
  fields: Partial<Omit<SectionHeaderRepr, 'majorVersion' | 'minorVersion'>>,
): SectionHeaderRepr {
  return {
    majorVersion: MAJOR_VERSION,
    minorVersion: MINOR_VERSION,
    sectionLength: fields.sectionLength ?? SECTION_LENGTH_UNSPECIFIED,
    hardware: fields.hardware,
    os: fields.os,
    userApplication: fields.userApplication,
    comments: fields.comments ?? [],
  };
}

function stringOptions(repr: SectionHeaderRepr): Array<[number, string]> {
  const out: Array<[number, string]> = repr.comments.map((c) => [CommonOption.Comment, c]);
  if (repr.hardware !== undefined) out.push([SectionHeaderOption.Hardware, repr.hardware]);
  if (repr.os !== undefined) out.push([SectionHeaderOption.Os, repr.os]);
  if (repr.userApplication !== undefined)
    out.push([SectionHeaderOption.UserApplication, repr.userApplication]);
  return out;
}

export function sectionHeaderLength(repr: SectionHeaderRepr): number {
  const options = stringOptions(repr);
  const optionsLength = options.reduce((sum, [, value]) => sum + stringOptionLength(value), 0);
  return (
    BLOCK_OVERHEAD + FIXED_BODY_LENGTH + optionsLength + (options.length > 0 ? END_OF_OPTIONS_LENGTH : 0)
  );
}

/** Emits the block little-endian at `offset`; returns the offset past it. */
export function emitSectionHeader(buf: Buffer, offset: number, repr: SectionHeaderRepr): number {
  const total = sectionHeaderLength(repr);
  emitBlockFraming(buf, offset, BlockType.SectionHeader, total);
  let at = offset + BLOCK_HEADER_LENGTH;
  buf.writeUInt32LE(BYTE_ORDER_MAGIC, at);
  buf.writeUInt16LE(repr.majorVersion, at + 4);
  buf.writeUInt16LE(repr.minorVersion, at + 6);
  buf.writeBigInt64LE(repr.sectionLength, at + 8);
  at += FIXED_BODY_LENGTH;
  const options = stringOptions(repr);
  for (const [code, value] of options) at = emitStringOption(buf, at, code, value);
  if (options.length > 0) emitEndOfOptions(buf, at);
  return offset + total;
}
