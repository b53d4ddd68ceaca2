import { CaptureError } from '../errors';
import { assertPlausibleLength, BlockView, hex32, sectionByteOrder } from '../wire/block';
import { BLOCK_HEADER_LENGTH, BlockType } from '../wire/constants';
import { parseEnhancedPacket } from '../wire/enhanced-packet';
import { parseInterfaceDescription } from '../wire/interface-description';
import { directionFromFlags } from '../wire/packet-flags';
import { parseSectionHeader } from '../wire/section-header';
import { parseSimplePacket } from '../wire/simple-packet';
import { unitsToNanoseconds } from '../wire/timestamp';
import type { CaptureInterface, CaptureRecord } from './records';

export interface DecoderOptions {
  /**
   * Largest block accepted, in bytes. A corrupt Block Total Length would otherwise make the
   * decoder buffer until the end of the stream. Default 64 MiB.
   */
  readonly maxBlockLength?: number;
}

const SHB_PREFIX_LENGTH = 12;
const DEFAULT_MAX_BLOCK_LENGTH = 64 * 1024 * 1024;

/**
 * Incremental pcapng decoder: feed bytes in chunks of any size with `push`, collect the records
 * completed so far, and call `end` when the input is exhausted. Blocks of unknown or
 * uninteresting type (NRB, ISB, DSB, custom, ...) are skipped by their length, as §3.1 allows.
 *
 * Contract: on malformed input `push`/`end` throw a CaptureError whose `offset` is the stream
 * offset of the offending block; they never throw anything else. After an error the decoder is
 * unusable.
 */
export class PcapngDecoder {
  private readonly maxBlockLength: number;
  private pending: Uint8Array = new Uint8Array(0);
  /** Stream offset of pending[0]. */
  private pendingOffset = 0;
  private sectionCount = 0;
  private littleEndian = true;
  private interfaces: CaptureInterface[] = [];
  private skipped = 0;

  constructor(options: DecoderOptions = {}) {
    this.maxBlockLength = options.maxBlockLength ?? DEFAULT_MAX_BLOCK_LENGTH;
  }

  /** Number of blocks skipped because their type is not decoded. */
  get skippedBlocks(): number {
    return this.skipped;
  }

  push(chunk: Uint8Array): CaptureRecord[] {
    this.pending = this.pending.length === 0 ? chunk : concat(this.pending, chunk);
    const records: CaptureRecord[] = [];
    let at = 0;
    for (;;) {
      const length = this.nextBlockLength(at);
      if (length === undefined || this.pending.length - at < length) break;
      const offset = this.pendingOffset + at;
      const block = BlockView.checked(this.pending.subarray(at, at + length), this.littleEndian, offset);
      const record = this.decode(block);
      if (record !== undefined) records.push(record);
      at += length;
    }
    this.pending = this.pending.subarray(at);
    this.pendingOffset += at;
    return records;
  }

  /** Declares the end of input; throws if it stops inside a block or before any section. */
  end(): void {
    if (this.pending.length > 0) {
      const declared = this.pending.length >= BLOCK_HEADER_LENGTH ? this.nextBlockLength(0) : undefined;
      throw new CaptureError(
        'capture/truncated-block',
        `input ends ${this.pending.length} bytes into a block` +
          (declared === undefined ? '' : ` that declares ${declared} bytes`) +
          '; the capture was cut short (was the writer closed?)',
        this.pendingOffset,
      );
    }
    if (this.sectionCount === 0) {
      throw new CaptureError(
        'capture/not-pcapng',
        'input is empty; a pcapng file starts with a Section Header Block',
        0,
      );
    }
  }

  /** Total length of the block at `at` in `pending`, or undefined if its header is incomplete. */
  private nextBlockLength(at: number): number | undefined {
    const available = this.pending.length - at;
    if (available < BLOCK_HEADER_LENGTH) return undefined;
    const offset = this.pendingOffset + at;
    const view = new DataView(this.pending.buffer, this.pending.byteOffset + at, available);
    // The SHB type is a palindrome: it reads the same in both byte orders (§4.1).
    if (this.sectionCount === 0 || view.getUint32(0, true) === BlockType.SectionHeader) {
      if (available < SHB_PREFIX_LENGTH) return undefined;
      this.littleEndian = sectionByteOrder(this.pending.subarray(at), offset).littleEndian;
    }
    const length = view.getUint32(4, this.littleEndian);
    assertPlausibleLength(length, offset);
    if (length > this.maxBlockLength) {
      throw new CaptureError(
        'capture/bad-block-length',
        `block of type 0x${hex32(view.getUint32(0, this.littleEndian))} declares ${length} bytes, ` +
          `above the ${this.maxBlockLength}-byte limit; the file is corrupt or needs a larger maxBlockLength`,
        offset,
      );
    }
    return length;
  }

  private decode(block: BlockView): CaptureRecord | undefined {
    switch (block.type) {
      case BlockType.SectionHeader: {
        const header = parseSectionHeader(block);
        this.interfaces = [];
        const index = this.sectionCount++;
        return {
          kind: 'section',
          section: { index, littleEndian: block.littleEndian, header, offset: block.streamOffset },
        };
      }
      case BlockType.InterfaceDescription: {
        const repr = parseInterfaceDescription(block);
        const iface: CaptureInterface = {
          section: this.sectionCount - 1,
          id: this.interfaces.length,
          ...repr,
        };
        this.interfaces.push(iface);
        return { kind: 'interface', interface: iface };
      }
      case BlockType.EnhancedPacket: {
        const epb = parseEnhancedPacket(block);
        const iface = this.interfaceFor(epb.interfaceId, block);
        const flags = epb.flags ?? 0;
        return {
          kind: 'packet',
          packet: {
            section: iface.section,
            interfaceId: iface.id,
            timestampNs: unitsToNanoseconds(epb.timestamp, iface.tsResolution, iface.tsOffsetSeconds),
            data: new Uint8Array(epb.data),
            originalLength: epb.originalLength,
            direction: directionFromFlags(flags),
            flags,
            comments: epb.comments,
            offset: block.streamOffset,
          },
        };
      }
      case BlockType.SimplePacket: {
        const iface = this.interfaceFor(0, block);
        const spb = parseSimplePacket(block, iface.snapLength);
        return {
          kind: 'packet',
          packet: {
            section: iface.section,
            interfaceId: 0,
            timestampNs: null,
            data: new Uint8Array(spb.data),
            originalLength: spb.originalLength,
            direction: 'unknown',
            flags: 0,
            comments: [],
            offset: block.streamOffset,
          },
        };
      }
      default:
        this.skipped++;
        return undefined;
    }
  }

  private interfaceFor(id: number, block: BlockView): CaptureInterface {
    const iface = this.interfaces[id];
    if (iface === undefined) {
      throw new CaptureError(
        'capture/unknown-interface',
        `packet refers to interface ${id} but the section has ${this.interfaces.length} Interface Description Block(s) before it`,
        block.streamOffset,
      );
    }
    return iface;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
