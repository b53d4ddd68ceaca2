/**
 * Byte fixtures: the requests iproute2 6.1 sends for the same settings (captured with
 * `strace -e sendmsg ip -n NS ...`), and NLMSG_ERROR replies as the kernel writes them.
 */
import { ackErrno, addressAddRequest, linkChangeRequest, routeAddRequest } from './rtnetlink-message';

const SEQ = 1795262517;

function header(length: number, type: number, flags: number): number[] {
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, length, true);
  view.setUint16(4, type, true);
  view.setUint16(6, flags, true);
  view.setUint32(8, SEQ, true);
  return [...bytes];
}

describe('rtnetlink requests', () => {
  it('ip addr add 10.201.249.2/24 dev <index 1>', () => {
    const body = [2, 0x18, 0, 0, 1, 0, 0, 0, 8, 0, 2, 0, 10, 201, 249, 2, 8, 0, 1, 0, 10, 201, 249, 2];
    expect([...addressAddRequest(SEQ, { index: 1, addr: 0x0ac9f902, prefixLength: 24 })]).toEqual([
      ...header(40, 0x14, 0x605),
      ...body,
    ]);
  });

  it('ip link set dev <index 1> mtu 9000', () => {
    const body = [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 0, 4, 0, 0x28, 0x23, 0, 0];
    expect([...linkChangeRequest(SEQ, { index: 1, mtu: 9000 })]).toEqual([...header(40, 0x10, 0x5), ...body]);
  });

  it('sets IFF_UP in flags and change mask, and pads a MAC to 4 bytes', () => {
    const bytes = linkChangeRequest(SEQ, { index: 7, up: true, mac: Uint8Array.of(2, 0x53, 0, 1, 0, 2) });
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(0, true)).toBe(16 + 16 + 12);
    expect([view.getUint32(24, true), view.getUint32(28, true)]).toEqual([1, 1]);
    expect([...bytes.subarray(32)]).toEqual([10, 0, 1, 0, 2, 0x53, 0, 1, 0, 2, 0, 0]);
  });

  it('a default route via a gateway has universe scope, no RTA_DST and the output interface', () => {
    const bytes = routeAddRequest(SEQ, { index: 3, dst: 0, dstPrefixLength: 0, gateway: 0x0ac9f901 });
    expect([...bytes.subarray(16, 28)]).toEqual([2, 0, 0, 0, 254, 3, 0, 1, 0, 0, 0, 0]);
    expect([...bytes.subarray(28)]).toEqual([8, 0, 5, 0, 10, 201, 249, 1, 8, 0, 4, 0, 3, 0, 0, 0]);
  });
});

describe('ackErrno', () => {
  function errorReply(seq: number, error: number): Uint8Array {
    const bytes = new Uint8Array(36);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, 36, true);
    view.setUint16(4, 2, true);
    view.setUint32(8, seq, true);
    view.setInt32(16, error, true);
    return bytes;
  }

  it('reads 0 for an ACK and the errno for a refusal', () => {
    expect(ackErrno(errorReply(SEQ, 0), SEQ)).toBe(0);
    expect(ackErrno(errorReply(SEQ, -17), SEQ)).toBe(17);
  });

  it('refuses a reply to another request or a truncated one', () => {
    expect(() => ackErrno(errorReply(SEQ + 1, 0), SEQ)).toThrow(
      expect.objectContaining({ code: 'labnet/netlink-failed' }),
    );
    expect(() => ackErrno(errorReply(SEQ, 0).subarray(0, 12), SEQ)).toThrow(
      expect.objectContaining({ code: 'labnet/netlink-failed' }),
    );
  });
});
