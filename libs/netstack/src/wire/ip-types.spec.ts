import { formatEndpoint, formatIpv4, parseIpv4 } from './ip-types';

describe('IPv4 address text form', () => {
  it('round-trips dotted quads through the host-order integer', () => {
    expect(parseIpv4('10.0.0.1')).toBe(0x0a000001);
    expect(parseIpv4('255.255.255.255')).toBe(0xffffffff);
    expect(formatIpv4(0xc0a80101)).toBe('192.168.1.1');
    expect(formatEndpoint({ addr: 0x7f000001, port: 80 })).toBe('127.0.0.1:80');
  });

  it.each(['10.0.0', '10.0.0.256', '1.2.3.4.5', 'a.b.c.d', ''])('refuses %j', (text) => {
    expect(() => parseIpv4(text)).toThrow(RangeError);
  });
});
