import { CaptureError } from '../errors';
import { emitBlockFraming, type BlockView } from './block';
import { BLOCK_HEADER_LENGTH, BLOCK_OVERHEAD, BlockType, CommonOption, InterfaceOption } from './constants';
import {
  emitEndOfOptions,
  emitStringOption,
  emitU8Option,
  END_OF_OPTIONS_LENGTH,
  firstString,
  optionI64,
  optionU8,
  parseOptions,
  stringOptionLength,
  stringsOf,
  U8_OPTION_LENGTH,
} from './options';
import { decodeTsresol, encodeTsresol, MICROSECONDS, type TimestampResolution } from './timestamp';

/**
 * Interface Description Block (§4.2). Body: LinkType (16), Reserved (16), SnapLen (32), options.
 * Interfaces are numbered from 0 in the order their IDBs appear within a section; packet blocks
 * refer to them by that number, so an IDB must precede every packet block that uses it.
 */
export interface InterfaceDescriptionRepr {
  readonly linkType: number;
  /** Maximum captured bytes per packet; 0 means no limit (§4.2). */
  readonly snapLength: number;
  readonly name?: string;
  readonly description?: string;
  readonly tsResolution: TimestampResolution;
  /** if_tsoffset: seconds added to every timestamp on this interface (§4.2). */
  readonly tsOffsetSeconds: bigint;
  readonly comments: readonly string[];
}

const FIXED_BODY_LENGTH = 8;

export function parseInterfaceDescription(block: BlockView): InterfaceDescriptionRepr {
  if (block.bodyLength < FIXED_BODY_LENGTH) {
    throw new CaptureError(
      'capture/truncated-block',
      `Interface Description Block body is ${block.bodyLength} bytes, needs at least ${FIXED_BODY_LENGTH}`,
      block.streamOffset,
    );
  }
  const options = parseOptions(block, FIXED_BODY_LENGTH);
  const tsresol = options.find((o) => o.code === InterfaceOption.TsResolution);
  const tsoffset = options.find((o) => o.code === InterfaceOption.TsOffset);
  return {
    linkType: block.u16(0),
    snapLength: block.u32(4),
    name: firstString(options, InterfaceOption.Name),
    description: firstString(options, InterfaceOption.Description),
    tsResolution: tsresol === undefined ? MICROSECONDS : decodeTsresol(optionU8(tsresol, block)),
    tsOffsetSeconds: tsoffset === undefined ? 0n : optionI64(tsoffset, block.littleEndian, block),
    comments: stringsOf(options, CommonOption.Comment),
  };
}

function stringOptions(repr: InterfaceDescriptionRepr): Array<[number, string]> {
  const out: Array<[number, string]> = repr.comments.map((c) => [CommonOption.Comment, c]);
  if (repr.name !== undefined) out.push([InterfaceOption.Name, repr.name]);
  if (repr.description !== undefined) out.push([InterfaceOption.Description, repr.description]);
  return out;
}

/**
 * Emitting writes if_tsresol always (even the default) so readers never guess. if_tsoffset is
 * not emitted: socklab timestamps are absolute, and `tsOffsetSeconds` must be 0 to emit.
 */
export function interfaceDescriptionLength(repr: InterfaceDescriptionRepr): number {
  const strings = stringOptions(repr).reduce((sum, [, value]) => sum + stringOptionLength(value), 0);
  return BLOCK_OVERHEAD + FIXED_BODY_LENGTH + strings + U8_OPTION_LENGTH + END_OF_OPTIONS_LENGTH;
}

export function emitInterfaceDescription(
  buf: Buffer,
  offset: number,
  repr: InterfaceDescriptionRepr,
): number {
  if (repr.tsOffsetSeconds !== 0n) {
    throw new CaptureError(
      'capture/invalid-argument',
      'emitting if_tsoffset is not supported; pass absolute timestamps',
    );
  }
  const total = interfaceDescriptionLength(repr);
  emitBlockFraming(buf, offset, BlockType.InterfaceDescription, total);
  let at = offset + BLOCK_HEADER_LENGTH;
  buf.writeUInt16LE(repr.linkType, at);
  buf.writeUInt16LE(0, at + 2);
  buf.writeUInt32LE(repr.snapLength, at + 4);
  at += FIXED_BODY_LENGTH;
  for (const [code, value] of stringOptions(repr)) at = emitStringOption(buf, at, code, value);
  at = emitU8Option(buf, at, InterfaceOption.TsResolution, encodeTsresol(repr.tsResolution));
  emitEndOfOptions(buf, at);
  return offset + total;
}
