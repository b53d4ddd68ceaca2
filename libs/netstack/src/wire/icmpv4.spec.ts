import { FIXTURES } from './__fixtures__/frames';
import { parseIpv4 } from './ip-types';
import { IpProtocol, Ipv4Packet } from './ipv4';
import { IcmpUnreachable, Icmpv4Packet, Icmpv4Repr, parseQuotedDatagram, quoteDatagram } from './icmpv4';

const icmpBytes = (frame: Uint8Array) => frame.slice(34);

function parse(bytes: Uint8Array) {
  const packet = Icmpv4Packet.check(bytes);
  return packet.ok ? Icmpv4Repr.parse(packet.value) : packet;
}

describe('ICMPv4 (RFC 792)', () => {
  it('parses an echo request and emits it byte for byte', () => {
    const repr = parse(icmpBytes(FIXTURES.echo));
    if (!repr.ok) throw new Error(repr.error);
    expect(repr.value).toMatchObject({ kind: 'echo-request', ident: 0x1234, seqNo: 1 });
    const out = new Uint8Array(Icmpv4Repr.bufferLength(repr.value));
    Icmpv4Repr.emit(repr.value, out);
    expect(Buffer.from(out)).toEqual(Buffer.from(icmpBytes(FIXTURES.echo)));
  });

  it('emits an echo reply whose checksum verifies', () => {
    const out = new Uint8Array(8 + 3);
    Icmpv4Repr.emit({ kind: 'echo-reply', ident: 7, seqNo: 9, data: Uint8Array.of(1, 2, 3) }, out);
    expect(parse(out)).toEqual({
      ok: true,
      value: { kind: 'echo-reply', ident: 7, seqNo: 9, data: Uint8Array.of(1, 2, 3) },
    });
  });

  it('parses a port unreachable and reads the quoted UDP datagram', () => {
    const repr = parse(icmpBytes(FIXTURES.unreach));
    if (!repr.ok || repr.value.kind !== 'dst-unreachable') throw new Error('not an unreachable');
    expect(repr.value.code).toBe(IcmpUnreachable.Port);
    expect(repr.value.quoted.length).toBe(28);
    expect(parseQuotedDatagram(repr.value.quoted)).toEqual({
      ok: true,
      value: {
        src: parseIpv4('10.0.0.1'),
        dst: parseIpv4('10.0.0.2'),
        protocol: IpProtocol.Udp,
        srcPort: 5353,
        dstPort: 9,
      },
    });
  });

  it('quotes the offending header plus 8 bytes and reproduces the captured error', () => {
    const offending = FIXTURES.unreach.slice(42); // the quoted bytes are the original's start
    const original = new Uint8Array(20 + 19);
    original.set(offending);
    const packet = Ipv4Packet.check(original);
    if (!packet.ok) throw new Error(packet.error);
    const quoted = quoteDatagram(packet.value);
    expect(quoted.length).toBe(28);
    const out = new Uint8Array(8 + quoted.length);
    Icmpv4Repr.emit({ kind: 'dst-unreachable', code: IcmpUnreachable.Port, quoted }, out);
    expect(Buffer.from(out)).toEqual(Buffer.from(icmpBytes(FIXTURES.unreach)));
  });

  it('refuses truncated, corrupted and unsupported messages', () => {
    expect(parse(icmpBytes(FIXTURES.echo).subarray(0, 7))).toEqual({ ok: false, error: 'truncated' });
    const corrupt = icmpBytes(FIXTURES.echo);
    corrupt[12] ^= 0x40;
    expect(parse(corrupt)).toEqual({ ok: false, error: 'bad-checksum' });
    const timestamp = new Uint8Array(20);
    timestamp[0] = 13; // timestamp request
    timestamp[2] = 0xf2;
    timestamp[3] = 0xff;
    expect(parse(timestamp)).toEqual({ ok: false, error: 'unsupported' });
  });

  it('refuses quotes too short for an IPv4 header and leaves ports out when they are cut off', () => {
    const quoted = icmpBytes(FIXTURES.unreach).subarray(8);
    expect(parseQuotedDatagram(quoted.subarray(0, 19))).toEqual({ ok: false, error: 'truncated' });
    const headerOnly = parseQuotedDatagram(quoted.subarray(0, 22));
    expect(headerOnly.ok && headerOnly.value.srcPort).toBeNull();
  });
});
