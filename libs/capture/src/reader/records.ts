import type { Direction } from '../wire/packet-flags';
import type { SectionHeaderRepr } from '../wire/section-header';
import type { TimestampResolution } from '../wire/timestamp';

/** One pcapng section (§4.1). Sections are numbered from 0 in file order. */
export interface CaptureSection {
  readonly index: number;
  readonly littleEndian: boolean;
  readonly header: SectionHeaderRepr;
  /** Stream offset of the Section Header Block. */
  readonly offset: number;
}

/** An interface; `id` is its number within its section (§4.2), which packets refer to. */
export interface CaptureInterface {
  readonly section: number;
  readonly id: number;
  readonly linkType: number;
  /** 0 means no limit. */
  readonly snapLength: number;
  readonly name?: string;
  readonly description?: string;
  readonly tsResolution: TimestampResolution;
  readonly tsOffsetSeconds: bigint;
  readonly comments: readonly string[];
}

export interface CapturedPacket {
  readonly section: number;
  readonly interfaceId: number;
  /**
   * Nanoseconds since the Unix epoch, converted from the interface's if_tsresol and
   * if_tsoffset. Null only for Simple Packet Blocks, which carry no timestamp (§4.4).
   */
  readonly timestampNs: bigint | null;
  /** Captured bytes (a private copy). */
  readonly data: Uint8Array;
  /** Length on the wire; larger than `data.length` when the snap length cut the frame. */
  readonly originalLength: number;
  readonly direction: Direction;
  /** The raw epb_flags word (0 when absent). */
  readonly flags: number;
  /** opt_comment values in file order. */
  readonly comments: readonly string[];
  /** Stream offset of the packet's block. */
  readonly offset: number;
}

export type CaptureRecord =
  | { readonly kind: 'section'; readonly section: CaptureSection }
  | { readonly kind: 'interface'; readonly interface: CaptureInterface }
  | { readonly kind: 'packet'; readonly packet: CapturedPacket };
