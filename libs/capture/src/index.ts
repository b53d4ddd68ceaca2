// Public API of @socklab/capture: pcapng (draft-ietf-opsawg-pcapng) writing and reading.
export { CaptureError, isCaptureError, type CaptureErrorCode } from './errors';

export {
  PcapngWriter,
  NOTES_INTERFACE_NAME,
  type PcapngWriterOptions,
  type InterfaceOptions,
  type PacketInput,
  type NoteInput,
} from './writer/pcapng-writer';
export type { SinkOptions, SinkStats } from './writer/chunked-file-sink';

export { PcapngDecoder, type DecoderOptions } from './reader/decoder';
export {
  parsePcapng,
  readPcapngStream,
  readPcapngFile,
  loadPcapngFile,
  type PcapngCapture,
} from './reader/read';
export type { CaptureSection, CaptureInterface, CapturedPacket, CaptureRecord } from './reader/records';

export { LinkType, BlockType } from './wire/constants';
export { LINKTYPE_WIRESHARK_UPPER_PDU, noteText } from './wire/exported-pdu';
export type { Direction } from './wire/packet-flags';
export type { TimestampResolution } from './wire/timestamp';
