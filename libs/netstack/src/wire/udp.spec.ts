import { FIXTURES } from './__fixtures__/frames';
import { parseIpv4 } from './ip-types';
import { UdpPacket, UdpRepr } from './udp';

const A = parseIpv4('10.0.0.1');
const B = parseIpv4('10.0.0.2');
const udpBytes = (frame: Uint8Array) => frame.slice(34);

function parse(bytes: Uint8Array, src = A, dst = B) {
  const packet = UdpPacket.check(bytes);
  return packet.ok ? UdpRepr.parse(packet.value, src, dst) : packet;
}

describe('UDP (RFC 768)', () => {
  it('parses a captured datagram and emits it byte for byte', () => {
    const repr = parse(udpBytes(FIXTURES.udp));
    if (!repr.ok) throw new Error(repr.error);
    expect(repr.value.srcPort).toBe(5353);
    expect(repr.value.dstPort).toBe(7);
    expect(Buffer.from(repr.value.payload).toString()).toBe('ping!');
    const out = new Uint8Array(UdpRepr.bufferLength(repr.value));
    UdpRepr.emit(repr.value, out, A, B);
    expect(Buffer.from(out)).toEqual(Buffer.from(udpBytes(FIXTURES.udp)));
  });

  it('verifies the pseudo-header: the same bytes between other addresses fail', () => {
    expect(parse(udpBytes(FIXTURES.udp), A, parseIpv4('10.0.0.3'))).toEqual({
      ok: false,
      error: 'bad-checksum',
    });
  });

  it('accepts a zero checksum as "none"', () => {
    const bytes = udpBytes(FIXTURES.udp);
    bytes[6] = bytes[7] = 0;
    bytes[9] ^= 0xff; // payload corrupted, but nothing checks it
    expect(parse(bytes).ok).toBe(true);
  });

  it('sends a computed zero checksum as 0xffff', () => {
    // Choose a payload word that makes the one's-complement sum 0xffff, i.e. checksum 0.
    const repr = { srcPort: 1, dstPort: 2, payload: new Uint8Array(2) };
    const probe = new Uint8Array(10);
    UdpRepr.emit(repr, probe, A, B);
    const checksum = (probe[6] << 8) | probe[7];
    repr.payload = Uint8Array.of(checksum >> 8, checksum & 255);
    const out = new Uint8Array(10);
    UdpRepr.emit(repr, out, A, B);
    expect((out[6] << 8) | out[7]).toBe(0xffff);
    expect(parse(out).ok).toBe(true);
  });

  it('honours the length field over trailing bytes and refuses inconsistent lengths', () => {
    const bytes = udpBytes(FIXTURES.udp);
    const longer = new Uint8Array(bytes.length + 3);
    longer.set(bytes);
    const repr = parse(longer);
    expect(repr.ok && Buffer.from(repr.value.payload).toString()).toBe('ping!');
    expect(UdpPacket.check(bytes.subarray(0, 7))).toEqual({ ok: false, error: 'truncated' });
    expect(UdpPacket.check(bytes.subarray(0, 12))).toEqual({ ok: false, error: 'truncated' });
    bytes[5] = 7;
    expect(UdpPacket.check(bytes)).toEqual({ ok: false, error: 'bad-length' });
  });
});
