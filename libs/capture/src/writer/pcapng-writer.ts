import { CaptureError } from '../errors';
import { LinkType } from '../wire/constants';
import { emitEnhancedPacket, enhancedPacketLength, type EnhancedPacketRepr } from '../wire/enhanced-packet';
import { LINKTYPE_WIRESHARK_UPPER_PDU, noteFrame } from '../wire/exported-pdu';
import {
  emitInterfaceDescription,
  interfaceDescriptionLength,
  type InterfaceDescriptionRepr,
} from '../wire/interface-description';
import { directionToFlags, type Direction } from '../wire/packet-flags';
import { emitSectionHeader, newSectionHeader, sectionHeaderLength } from '../wire/section-header';
import { NANOSECONDS } from '../wire/timestamp';
import { ChunkedFileSink, type SinkOptions, type SinkStats } from './chunked-file-sink';

export interface PcapngWriterOptions extends SinkOptions {
  /** shb_userappl, e.g. "socklab runner 1.4". */
  readonly userApplication?: string;
  readonly hardware?: string;
  readonly os?: string;
  /** Section comments (run id, exercise, ...), shown by Wireshark in the capture file properties. */
  readonly comments?: readonly string[];
}

export interface InterfaceOptions {
  /** if_name, e.g. the switch port "sw0-p1". */
  readonly name: string;
  /** if_description, e.g. "learner sandbox eth0". */
  readonly description?: string;
  /** Bytes kept per frame; longer frames are cut and keep their original length. Default 262144, 0 = no limit. */
  readonly snapLength?: number;
  /** LINKTYPE_* value; default Ethernet. */
  readonly linkType?: number;
  readonly comments?: readonly string[];
}

export interface PacketInput {
  /** Id returned by `addInterface`. */
  readonly interfaceId: number;
  /** Nanoseconds since the Unix epoch. */
  readonly timestampNs: bigint;
  /** The whole frame as seen on the wire (from the destination MAC, without FCS). */
  readonly data: Uint8Array;
  /** Length on the wire when `data` is already cut; defaults to `data.length`. */
  readonly originalLength?: number;
  /** Relative to the interface (switch port): inbound = received on it, outbound = sent out of it. */
  readonly direction?: Direction;
  /** Per-packet comments (impairment decisions, scenario steps), one opt_comment each. */
  readonly comments?: readonly string[];
}

export interface NoteInput {
  readonly timestampNs: bigint;
  readonly text: string;
}

/** Name of the interface the writer adds for notes on first use. */
export const NOTES_INTERFACE_NAME = 'socklab-notes';

const DEFAULT_SNAP_LENGTH = 262144;

/**
 * Streams a single-section, little-endian pcapng file: SHB at open, then IDBs and EPBs in call
 * order, every timestamp in nanoseconds (if_tsresol = 9 on each interface).
 *
 * Backpressure: `writePacket` and `writeNote` return false once the buffered bytes exceed the
 * high-water mark; await `drained()` before writing more. A producer that cannot wait (a live
 * tap) may ignore it: past `maxBufferedBytes` the backlog is written synchronously, so memory
 * stays bounded either way.
 */
export class PcapngWriter {
  private readonly interfaces: InterfaceDescriptionRepr[] = [];
  private notesInterface: number | undefined;
  private closing = false;

  private constructor(private readonly sink: ChunkedFileSink) {}

  static async open(path: string, options: PcapngWriterOptions = {}): Promise<PcapngWriter> {
    const sink = await ChunkedFileSink.open(path, options);
    const header = newSectionHeader(options);
    sink.append(sectionHeaderLength(header), (buf, at) => emitSectionHeader(buf, at, header));
    return new PcapngWriter(sink);
  }

  /**
   * Writes an Interface Description Block and returns its interface id (0, 1, ... in call order,
   * §4.2). May be called at any time; packets can only use interfaces added before them.
   */
  addInterface(options: InterfaceOptions): number {
    this.assertOpen();
    const snapLength = options.snapLength ?? DEFAULT_SNAP_LENGTH;
    if (!Number.isInteger(snapLength) || snapLength < 0 || snapLength > 0xffffffff) {
      throw new CaptureError(
        'capture/invalid-argument',
        `snapLength must be a 32-bit unsigned integer, got ${snapLength}`,
      );
    }
    const repr: InterfaceDescriptionRepr = {
      linkType: options.linkType ?? LinkType.Ethernet,
      snapLength,
      name: options.name,
      description: options.description,
      tsResolution: NANOSECONDS,
      tsOffsetSeconds: 0n,
      comments: options.comments ?? [],
    };
    this.sink.append(interfaceDescriptionLength(repr), (buf, at) => emitInterfaceDescription(buf, at, repr));
    this.interfaces.push(repr);
    return this.interfaces.length - 1;
  }

  /** Writes one Enhanced Packet Block. Returns false when the caller should await `drained()`. */
  writePacket(packet: PacketInput): boolean {
    this.assertOpen();
    const iface = this.interfaces[packet.interfaceId];
    if (iface === undefined) {
      throw new CaptureError(
        'capture/unknown-interface',
        `interface ${packet.interfaceId} was not added; call addInterface() before writing its packets ` +
          `(${this.interfaces.length} interface(s) so far)`,
      );
    }
    const data =
      iface.snapLength > 0 && packet.data.length > iface.snapLength
        ? packet.data.subarray(0, iface.snapLength)
        : packet.data;
    const originalLength = packet.originalLength ?? packet.data.length;
    if (!Number.isInteger(originalLength) || originalLength < data.length || originalLength > 0xffffffff) {
      throw new CaptureError(
        'capture/invalid-argument',
        `originalLength ${originalLength} must be an unsigned 32-bit integer of at least the ${data.length} captured bytes`,
      );
    }
    if (packet.timestampNs < 0n) {
      throw new CaptureError(
        'capture/invalid-argument',
        `timestampNs ${packet.timestampNs} is before 1970; pass epoch nanoseconds`,
      );
    }
    const repr: EnhancedPacketRepr = {
      interfaceId: packet.interfaceId,
      timestamp: packet.timestampNs,
      data,
      originalLength,
      flags: packet.direction === undefined ? undefined : directionToFlags(packet.direction),
      comments: packet.comments ?? [],
    };
    const length = enhancedPacketLength(repr);
    return this.sink.append(length, (buf, at) => emitEnhancedPacket(buf, at, repr, length));
  }

  /**
   * Writes a standalone note (a scenario step, an impairment switched on) at its own time.
   *
   * pcapng has no timestamped comment block, and a Custom Block (§5.2) is invisible in
   * Wireshark. So a note is a frame of its own on a dedicated interface "socklab-notes"
   * (LINKTYPE_WIRESHARK_UPPER_PDU, added on first use): Wireshark lists it in time order with
   * Protocol "socklab", shows the text as the frame's comment and as its payload, and raises no
   * warning. Readers recognise notes with `noteText`.
   */
  writeNote(note: NoteInput): boolean {
    this.assertOpen();
    this.notesInterface ??= this.addInterface({
      name: NOTES_INTERFACE_NAME,
      description: 'socklab scenario notes (not network traffic)',
      linkType: LINKTYPE_WIRESHARK_UPPER_PDU,
      snapLength: 0,
    });
    return this.writePacket({
      interfaceId: this.notesInterface,
      timestampNs: note.timestampNs,
      data: noteFrame(note.text),
      comments: [note.text],
    });
  }

  /** Resolves when buffered bytes are below the high-water mark; rejects with 'capture/io' on write failure. */
  drained(): Promise<void> {
    return this.sink.drained();
  }

  /** Flushes, fsyncs and closes the file; resolves once the capture is durable on disk. */
  async close(): Promise<void> {
    this.assertOpen();
    this.closing = true;
    await this.sink.close();
  }

  get stats(): SinkStats & { readonly interfaces: number } {
    return { ...this.sink.stats, interfaces: this.interfaces.length };
  }

  private assertOpen(): void {
    if (this.closing)
      throw new CaptureError('capture/writer-closed', 'the capture writer is closed; open a new one');
  }
}
