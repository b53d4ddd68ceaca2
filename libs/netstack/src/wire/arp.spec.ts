import { FIXTURES } from './__fixtures__/frames';
import { ArpPacket, ArpRepr } from './arp';
import { parseIpv4 } from './ip-types';
import { formatMac } from './mac';

const arpBytes = (frame: Uint8Array) => frame.slice(14);

describe('ARP (RFC 826)', () => {
  it('parses a who-has request', () => {
    const packet = ArpPacket.check(arpBytes(FIXTURES.arpRequest));
    if (!packet.ok) throw new Error(packet.error);
    const repr = ArpRepr.parse(packet.value);
    if (!repr.ok) throw new Error(repr.error);
    expect(repr.value.operation).toBe('request');
    expect(formatMac(repr.value.senderMac)).toBe('02:00:00:00:00:01');
    expect(repr.value.senderAddr).toBe(parseIpv4('10.0.0.1'));
    expect(repr.value.targetAddr).toBe(parseIpv4('10.0.0.2'));
  });

  it('round-trips a reply byte for byte', () => {
    const packet = ArpPacket.check(arpBytes(FIXTURES.arpReply));
    if (!packet.ok) throw new Error(packet.error);
    const repr = ArpRepr.parse(packet.value);
    if (!repr.ok) throw new Error(repr.error);
    expect(repr.value.operation).toBe('reply');
    const out = new Uint8Array(ArpRepr.bufferLength());
    ArpRepr.emit(repr.value, out);
    expect(Buffer.from(out)).toEqual(Buffer.from(arpBytes(FIXTURES.arpReply)));
  });

  it('refuses truncated packets, including ones whose address lengths overrun', () => {
    const bytes = arpBytes(FIXTURES.arpRequest);
    expect(ArpPacket.check(bytes.subarray(0, 7))).toEqual({ ok: false, error: 'truncated' });
    expect(ArpPacket.check(bytes.subarray(0, 27))).toEqual({ ok: false, error: 'truncated' });
    bytes[4] = 200; // hardware address length 200: the view would overrun
    expect(ArpPacket.check(bytes)).toEqual({ ok: false, error: 'truncated' });
  });

  it('refuses well-formed ARP for other hardware, protocols or operations as unsupported', () => {
    const cases: Array<[number, number]> = [
      [1, 6], // htype 6 (IEEE 802)
      [3, 0x86], // ptype 0x86dd
      [7, 3], // RARP request
    ];
    for (const [at, value] of cases) {
      const bytes = arpBytes(FIXTURES.arpRequest);
      bytes[at] = value;
      const packet = ArpPacket.check(bytes);
      expect(packet.ok && ArpRepr.parse(packet.value)).toEqual({ ok: false, error: 'unsupported' });
    }
  });
});
