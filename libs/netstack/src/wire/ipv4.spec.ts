import { FIXTURES } from './__fixtures__/frames';
import { internetChecksum } from './checksum';
import { parseIpv4 } from './ip-types';
import { IpProtocol, Ipv4Packet, Ipv4Repr } from './ipv4';

const ipBytes = (frame: Uint8Array) => frame.slice(14);

/** Rewrites the header checksum after a test mutated the header. */
function reseal(bytes: Uint8Array): Uint8Array {
  bytes[10] = bytes[11] = 0;
  const sum = internetChecksum(bytes, 0, (bytes[0] & 15) * 4);
  bytes[10] = sum >> 8;
  bytes[11] = sum & 255;
  return bytes;
}

function parse(bytes: Uint8Array) {
  const packet = Ipv4Packet.check(bytes);
  return packet.ok ? Ipv4Repr.parse(packet.value) : packet;
}

describe('IPv4 (RFC 791)', () => {
  it('parses a captured header', () => {
    const packet = Ipv4Packet.check(ipBytes(FIXTURES.udp));
    if (!packet.ok) throw new Error(packet.error);
    const repr = Ipv4Repr.parse(packet.value);
    expect(repr).toEqual({
      ok: true,
      value: {
        src: parseIpv4('10.0.0.1'),
        dst: parseIpv4('10.0.0.2'),
        protocol: IpProtocol.Udp,
        ttl: 64,
        payloadLength: 13,
        ident: 0x1c46,
        dontFragment: true,
        tos: 0,
      },
    });
    expect(packet.value.payload.length).toBe(13);
  });

  it('emits the same header bytes it parsed', () => {
    const bytes = ipBytes(FIXTURES.udp);
    const repr = parse(bytes);
    if (!repr.ok) throw new Error(repr.error);
    const out = new Uint8Array(20);
    Ipv4Repr.emit(repr.value, out);
    expect(Buffer.from(out)).toEqual(Buffer.from(bytes.subarray(0, 20)));
  });

  it('honours the total length over Ethernet padding', () => {
    const padded = new Uint8Array(46);
    padded.set(ipBytes(FIXTURES.udp));
    const packet = Ipv4Packet.check(padded);
    expect(packet.ok && packet.value.payload.length).toBe(13);
  });

  it('skips options: the payload starts at IHL×4 and the checksum covers them', () => {
    const plain = ipBytes(FIXTURES.udp);
    const withOptions = new Uint8Array(plain.length + 4);
    withOptions.set(plain.subarray(0, 20));
    withOptions.set([0x01, 0x01, 0x01, 0x00], 20); // NOP NOP NOP EOL
    withOptions.set(plain.subarray(20), 24);
    withOptions[0] = 0x46;
    withOptions[3] += 4;
    reseal(withOptions);
    const packet = Ipv4Packet.check(withOptions);
    if (!packet.ok) throw new Error(packet.error);
    expect(Buffer.from(packet.value.payload)).toEqual(Buffer.from(plain.subarray(20)));
    expect(packet.value.options.length).toBe(4);
    expect(Ipv4Repr.parse(packet.value).ok).toBe(true);
  });

  it('detects a corrupted header through its checksum', () => {
    const bytes = ipBytes(FIXTURES.udp);
    bytes[8] = 63; // TTL changed in flight without updating the checksum
    expect(parse(bytes)).toEqual({ ok: false, error: 'bad-checksum' });
  });

  it.each([
    ['shorter than a header', (b: Uint8Array) => b.subarray(0, 19), 'truncated'],
    ['shorter than its total length', (b: Uint8Array) => b.subarray(0, b.length - 1), 'truncated'],
    [
      'shorter than IHL',
      (b: Uint8Array) =>
        reseal(b)
          .subarray(0, 20)
          .map((x, i) => (i === 0 ? 0x4f : x)),
      'truncated',
    ],
    ['version 6', (b: Uint8Array) => b.map((x, i) => (i === 0 ? 0x65 : x)), 'bad-version'],
    ['IHL below 5', (b: Uint8Array) => b.map((x, i) => (i === 0 ? 0x44 : x)), 'bad-length'],
    [
      'total length below the header',
      (b: Uint8Array) => b.map((x, i) => (i === 2 ? 0 : i === 3 ? 19 : x)),
      'bad-length',
    ],
  ])('refuses a datagram %s', (_name, mutate, error) => {
    expect(Ipv4Packet.check(mutate(ipBytes(FIXTURES.udp)))).toEqual({ ok: false, error });
  });

  it.each([
    ['more-fragments set', 0x20, 0x00],
    ['a non-zero offset', 0x00, 0xb9],
    ['both', 0x20, 0x01],
  ])('refuses a fragment with %s', (_name, hi, lo) => {
    const bytes = ipBytes(FIXTURES.udp);
    bytes[6] = hi;
    bytes[7] = lo;
    reseal(bytes);
    const packet = Ipv4Packet.check(bytes);
    if (!packet.ok) throw new Error(packet.error);
    expect(packet.value.isFragment).toBe(true);
    expect(Ipv4Repr.parse(packet.value)).toEqual({ ok: false, error: 'fragmented' });
  });

  it('reads fragment fields in their units (offset in 8-byte blocks)', () => {
    const bytes = ipBytes(FIXTURES.udp);
    bytes[6] = 0x20 | 0x01;
    bytes[7] = 0x02;
    const packet = Ipv4Packet.check(bytes);
    if (!packet.ok) throw new Error(packet.error);
    expect(packet.value.moreFragments).toBe(true);
    expect(packet.value.dontFragment).toBe(false);
    expect(packet.value.fragmentOffset).toBe(258 * 8);
  });
});
