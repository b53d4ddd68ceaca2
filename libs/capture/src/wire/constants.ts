/**
 * Numbers from the pcapng specification, draft-ietf-opsawg-pcapng ("PCAP Now Generic").
 * Section numbers below refer to that draft.
 */

/** Block type codes (§10.1, "Block Type Codes"). */
export const BlockType = {
  SectionHeader: 0x0a0d0d0a,
  InterfaceDescription: 0x00000001,
  SimplePacket: 0x00000003,
  NameResolution: 0x00000004,
  InterfaceStatistics: 0x00000005,
  EnhancedPacket: 0x00000006,
  DecryptionSecrets: 0x0000000a,
  CustomCopyable: 0x00000bad,
  CustomNonCopyable: 0x40000bad,
} as const;

/** Section Header Block byte-order magic (§4.1): reads as this value in the writer's byte order. */
export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
export const BYTE_ORDER_MAGIC_SWAPPED = 0x4d3c2b1a;

/** The only major version this library understands (§4.1; 1.x readers must reject other majors). */
export const MAJOR_VERSION = 1;
export const MINOR_VERSION = 0;

/** Section Length value meaning "not specified" (§4.1): 0xFFFFFFFFFFFFFFFF as signed -1. */
export const SECTION_LENGTH_UNSPECIFIED = -1n;

/** Options common to all blocks (§3.5). */
export const CommonOption = {
  EndOfOptions: 0,
  Comment: 1,
} as const;

/** Section Header Block options (§4.1). */
export const SectionHeaderOption = {
  Hardware: 2,
  Os: 3,
  UserApplication: 4,
} as const;

/** Interface Description Block options (§4.2). */
export const InterfaceOption = {
  Name: 2,
  Description: 3,
  TsResolution: 9,
  TsOffset: 14,
} as const;

/** Enhanced Packet Block options (§4.3). */
export const EnhancedPacketOption = {
  Flags: 2,
} as const;

/** Link types used by socklab (tcpdump.org LINKTYPE_* registry, draft-ietf-opsawg-pcaplinktype). */
export const LinkType = {
  Ethernet: 1,
} as const;

/** Fixed sizes (§3.1): Block Type + Block Total Length in front, Block Total Length again at the end. */
export const BLOCK_HEADER_LENGTH = 8;
export const BLOCK_TRAILER_LENGTH = 4;
export const BLOCK_OVERHEAD = BLOCK_HEADER_LENGTH + BLOCK_TRAILER_LENGTH;

/** Timestamp resolution written by socklab: if_tsresol = 9, i.e. units of 10^-9 s (§4.2). */
export const NANOSECOND_TSRESOL = 9;

/** Rounds a length up to the 32-bit boundary every block and option value is padded to (§3.1, §3.5). */
export function pad4(length: number): number {
  return (length + 3) & ~3;
}
