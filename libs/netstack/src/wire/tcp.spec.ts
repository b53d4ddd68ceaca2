import { FIXTURES } from './__fixtures__/frames';
import { foldComplement, pseudoHeaderSum, sumWords } from './checksum';
import { parseIpv4 } from './ip-types';
import { emitTcp, parseTcp, TcpPacket, tcpBufferLength } from './tcp';
import { NO_FLAGS, type TcpRepr } from './tcp-repr';

const A = parseIpv4('10.0.0.1');
const B = parseIpv4('10.0.0.2');
const tcpBytes = (frame: Uint8Array) => frame.slice(34);

function parse(bytes: Uint8Array, src = A, dst = B) {
  const packet = TcpPacket.check(bytes);
  return packet.ok ? parseTcp(packet.value, src, dst) : packet;
}

function emit(repr: TcpRepr, src = A, dst = B): Uint8Array {
  const out = new Uint8Array(tcpBufferLength(repr));
  emitTcp(repr, out, src, dst);
  return out;
}

/** A segment with the given option bytes (padded to 4) and a correct checksum. */
function withOptionBytes(options: number[]): Uint8Array {
  const padded = [...options];
  while (padded.length % 4) padded.push(0);
  const base = emit({ ...synRepr(), options: {} });
  const bytes = new Uint8Array(20 + padded.length);
  bytes.set(base.subarray(0, 20));
  bytes.set(padded, 20);
  bytes[12] = ((20 + padded.length) / 4) << 4;
  bytes[16] = bytes[17] = 0;
  const sum = foldComplement(sumWords(bytes, 0, bytes.length, pseudoHeaderSum(A, B, 6, bytes.length)));
  bytes[16] = sum >> 8;
  bytes[17] = sum & 255;
  return bytes;
}

function synRepr(): TcpRepr {
  const parsed = parse(tcpBytes(FIXTURES.syn));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

describe('TCP header (RFC 9293 §3.1)', () => {
  it('parses a Linux-style SYN with MSS, SACK-permitted, timestamps and window scale', () => {
    expect(synRepr()).toEqual({
      srcPort: 40000,
      dstPort: 80,
      seq: 0xa1b2c3d4,
      ack: 0,
      flags: { ...NO_FLAGS, syn: true },
      window: 64240,
      urgentPointer: 0,
      options: { mss: 1460, sackPermitted: true, timestamps: { tsVal: 1234567, tsEcr: 0 }, windowScale: 7 },
      payload: new Uint8Array(0),
    });
  });

  it('emits the SYN byte for byte, options in Linux order, checksum included', () => {
    expect(Buffer.from(emit(synRepr()))).toEqual(Buffer.from(tcpBytes(FIXTURES.syn)));
  });

  it('parses and re-emits an ACK carrying timestamps and two SACK blocks', () => {
    const repr = parse(tcpBytes(FIXTURES.ackSack));
    if (!repr.ok) throw new Error(repr.error);
    expect(repr.value.flags).toEqual({ ...NO_FLAGS, ack: true });
    expect(repr.value.ack).toBe(0x11223345);
    expect(repr.value.options).toEqual({
      timestamps: { tsVal: 0x12d700, tsEcr: 0x34a000 },
      sackBlocks: [
        [1001, 2001],
        [3001, 4001],
      ],
    });
    expect(Buffer.from(emit(repr.value))).toEqual(Buffer.from(tcpBytes(FIXTURES.ackSack)));
  });

  it('parses a data segment and its payload', () => {
    const repr = parse(tcpBytes(FIXTURES.data));
    if (!repr.ok) throw new Error(repr.error);
    expect(repr.value.flags).toEqual({ ...NO_FLAGS, ack: true, psh: true });
    expect(Buffer.from(repr.value.payload).toString()).toBe('hello\n');
    expect(Buffer.from(emit(repr.value))).toEqual(Buffer.from(tcpBytes(FIXTURES.data)));
  });

  it('verifies the checksum over pseudo-header, header and payload', () => {
    const corrupt = tcpBytes(FIXTURES.data);
    corrupt[corrupt.length - 1] ^= 1;
    expect(parse(corrupt)).toEqual({ ok: false, error: 'bad-checksum' });
    expect(parse(tcpBytes(FIXTURES.data), B, A).ok).toBe(true); // the sum is symmetric in src/dst
    expect(parse(tcpBytes(FIXTURES.data), A, parseIpv4('10.0.0.9'))).toEqual({
      ok: false,
      error: 'bad-checksum',
    });
  });

  it('refuses truncated headers and impossible data offsets', () => {
    const bytes = tcpBytes(FIXTURES.syn);
    expect(TcpPacket.check(bytes.subarray(0, 19))).toEqual({ ok: false, error: 'truncated' });
    expect(TcpPacket.check(bytes.subarray(0, 39))).toEqual({ ok: false, error: 'truncated' });
    bytes[12] = 0x40;
    expect(TcpPacket.check(bytes)).toEqual({ ok: false, error: 'bad-length' });
  });

  it('skips unknown options by their length and stops at EOL', () => {
    const repr = parse(withOptionBytes([30, 6, 1, 2, 3, 4, 2, 4, 0x02, 0x18, 0, 3, 3, 9]));
    expect(repr.ok && repr.value.options).toEqual({ mss: 536 }); // wscale after EOL ignored
  });

  it('treats a window scale above 14 as 14 (RFC 7323 §2.3)', () => {
    const repr = parse(withOptionBytes([1, 3, 3, 15]));
    expect(repr.ok && repr.value.options.windowScale).toBe(14);
  });

  it.each([
    ['a missing length byte', [1, 1, 1, 2]],
    ['length 0', [30, 0, 1, 1]],
    ['length 1', [30, 1, 1, 1]],
    ['a length past the header', [30, 9, 1, 1]],
    ['MSS of length 3', [2, 3, 5, 1]],
    ['window scale of length 4', [3, 4, 7, 0]],
    ['SACK-permitted of length 3', [4, 3, 0, 1]],
    ['timestamps of length 8', [8, 8, 0, 0, 0, 0, 0, 0]],
    ['SACK with half a block', [5, 6, 0, 0, 0, 1]],
    ['SACK with no block', [5, 2, 1, 1]],
  ])('rejects options with %s', (_name, options) => {
    expect(parse(withOptionBytes(options))).toEqual({ ok: false, error: 'bad-option' });
  });

  it('emits only the SACK blocks that fit in 40 option bytes', () => {
    const blocks: Array<[number, number]> = [
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
    ];
    const repr: TcpRepr = {
      ...synRepr(),
      options: { timestamps: { tsVal: 1, tsEcr: 2 }, sackBlocks: blocks },
    };
    const out = emit(repr);
    expect(out.length).toBe(60);
    const back = parse(out);
    expect(back.ok && back.value.options.sackBlocks).toEqual(blocks.slice(0, 3));
  });

  it('writes ack 0 when the ACK flag is clear and reads it as 0', () => {
    const out = emit({ ...synRepr(), ack: 1234 });
    expect(out.subarray(8, 12)).toEqual(new Uint8Array(4));
  });
});
