import { BlockView } from './block';
import {
  emitEnhancedPacket,
  enhancedPacketLength,
  parseEnhancedPacket,
  type EnhancedPacketRepr,
} from './enhanced-packet';

// §4.3 layout, little-endian; data padded to 32 bits, options padded, opt_endofopt, trailer.
const FIXTURE = Buffer.from(
  [
    '06000000',
    '40000000', // type 6, total length 64
    '02000000', // interface id 2
    '01000000',
    '05000000', // timestamp upper 1, lower 5
    '05000000',
    '3c000000', // captured 5, original 60
    'aabbccddee000000', // data + 3 padding bytes
    '0200',
    '0400',
    '02000000', // epb_flags = outbound
    '0100',
    '0500',
    '6472c2b570000000', // opt_comment "drµp" (5 UTF-8 bytes) + padding
    '00000000', // opt_endofopt
    '40000000', // total length again
  ].join(''),
  'hex',
);

const REPR: EnhancedPacketRepr = {
  interfaceId: 2,
  timestamp: (1n << 32n) | 5n,
  data: Buffer.from('aabbccddee', 'hex'),
  originalLength: 60,
  flags: 0b10,
  comments: ['drµp'],
};

describe('Enhanced Packet Block', () => {
  it('emits the exact bytes of §4.3, with zeroed padding and both length fields', () => {
    const buf = Buffer.alloc(enhancedPacketLength(REPR)).fill(0xff);
    expect(emitEnhancedPacket(buf, 0, REPR)).toBe(FIXTURE.length);
    expect(buf.toString('hex')).toBe(FIXTURE.toString('hex'));
  });

  it('parses the fixture back to the same repr', () => {
    const parsed = parseEnhancedPacket(BlockView.checked(FIXTURE, true, 0));
    expect({ ...parsed, data: Buffer.from(parsed.data) }).toEqual(REPR);
  });

  it('omits the options section entirely when there are no options', () => {
    const bare = { ...REPR, flags: undefined, comments: [] };
    expect(enhancedPacketLength(bare)).toBe(12 + 20 + 8);
  });

  it('rejects a Captured Packet Length that runs past the block', () => {
    const bad = Buffer.from(FIXTURE);
    bad.writeUInt32LE(41, 20);
    expect(() => parseEnhancedPacket(BlockView.checked(bad, true, 100))).toThrow(
      expect.objectContaining({ code: 'capture/bad-packet-length', offset: 100 }),
    );
  });
});
