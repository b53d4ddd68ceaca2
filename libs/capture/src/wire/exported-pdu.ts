import { pad4 } from './constants';

/**
 * LINKTYPE_WIRESHARK_UPPER_PDU (252): a frame that names the Wireshark dissector for its payload
 * (https://www.tcpdump.org/linktypes/LINKTYPE_WIRESHARK_UPPER_PDU.html). The header is a list of
 * big-endian TLV tags, each value zero-padded to 32 bits, ended by tag 0 of length 0.
 *
 * socklab uses it for scenario notes: the payload is the note's text handed to Wireshark's
 * `data-text-lines` dissector, and the Protocol column reads "socklab". Wireshark shows such a
 * frame at its own timestamp without any expert warning, which a zero-length Ethernet frame
 * would raise ("Malformed Packet").
 */
export const LINKTYPE_WIRESHARK_UPPER_PDU = 252;

const Tag = {
  DissectorName: 12,
  ColumnProtocolText: 33,
} as const;

const NOTE_DISSECTOR = 'data-text-lines';
const NOTE_PROTOCOL = 'socklab';

/** The fixed tag header every note carries. */
const NOTE_HEADER = Buffer.concat([
  stringTag(Tag.DissectorName, NOTE_DISSECTOR),
  stringTag(Tag.ColumnProtocolText, NOTE_PROTOCOL),
  Buffer.alloc(4), // end-of-options tag 0, length 0
]);

/** The exported-PDU frame carrying `text` (one line, newline-terminated). */
export function noteFrame(text: string): Buffer {
  return Buffer.concat([NOTE_HEADER, Buffer.from(`${text}\n`, 'utf8')]);
}

/** The note text of a frame produced by `noteFrame`, or undefined if it is not one. */
export function noteText(frame: Uint8Array): string | undefined {
  if (frame.length < NOTE_HEADER.length || !NOTE_HEADER.equals(frame.subarray(0, NOTE_HEADER.length))) {
    return undefined;
  }
  return Buffer.from(frame.subarray(NOTE_HEADER.length)).toString('utf8').replace(/\n$/, '');
}

function stringTag(tag: number, value: string): Buffer {
  const bytes = Buffer.from(value, 'ascii');
  const out = Buffer.alloc(4 + pad4(bytes.length));
  out.writeUInt16BE(tag, 0);
  out.writeUInt16BE(pad4(bytes.length), 2);
  bytes.copy(out, 4);
  return out;
}
