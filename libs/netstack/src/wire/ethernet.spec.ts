import { FIXTURES } from './__fixtures__/frames';
import { EtherType, EthernetFrame, EthernetRepr } from './ethernet';
import { formatMac, parseMac } from './mac';

describe('Ethernet II', () => {
  it('parses destination, source, EtherType and payload of a captured frame', () => {
    const frame = EthernetFrame.check(FIXTURES.arpRequest);
    if (!frame.ok) throw new Error(frame.error);
    const repr = EthernetRepr.parse(frame.value);
    expect(formatMac(repr.dst)).toBe('ff:ff:ff:ff:ff:ff');
    expect(formatMac(repr.src)).toBe('02:00:00:00:00:01');
    expect(repr.etherType).toBe(EtherType.Arp);
    expect(frame.value.payload.length).toBe(28);
  });

  it.each([0, 1, 13])('refuses a %i-byte frame as truncated', (n) => {
    expect(EthernetFrame.check(FIXTURES.udp.subarray(0, n))).toEqual({ ok: false, error: 'truncated' });
  });

  it('accepts a bare 14-byte header with an empty payload', () => {
    const frame = EthernetFrame.check(FIXTURES.udp.subarray(0, 14));
    expect(frame.ok && frame.value.payload.length).toBe(0);
  });

  it('emits the header it parsed', () => {
    const buffer = new Uint8Array(EthernetRepr.bufferLength(28));
    EthernetRepr.emit(
      { dst: parseMac('ff:ff:ff:ff:ff:ff'), src: parseMac('02:00:00:00:00:01'), etherType: EtherType.Arp },
      buffer,
    );
    expect(Buffer.from(buffer.subarray(0, 14))).toEqual(Buffer.from(FIXTURES.arpRequest.subarray(0, 14)));
  });
});
