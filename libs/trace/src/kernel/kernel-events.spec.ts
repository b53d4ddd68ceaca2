import { parseEventFormat } from './event-format';
import { makeDecoder, sockaddrIn } from './kernel-events';

/** sock:inet_sock_set_state as Linux 6.18 lays it out (fields only). */
const SET_STATE = parseEventFormat(
  'sock',
  [
    'name: inet_sock_set_state',
    'ID: 2287',
    'format:',
    '\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;',
    '\tfield:const void * skaddr;\toffset:8;\tsize:8;\tsigned:0;',
    '\tfield:int oldstate;\toffset:16;\tsize:4;\tsigned:1;',
    '\tfield:int newstate;\toffset:20;\tsize:4;\tsigned:1;',
    '\tfield:__u16 sport;\toffset:24;\tsize:2;\tsigned:0;',
    '\tfield:__u16 dport;\toffset:26;\tsize:2;\tsigned:0;',
    '\tfield:__u16 family;\toffset:28;\tsize:2;\tsigned:0;',
    '\tfield:__u16 protocol;\toffset:30;\tsize:2;\tsigned:0;',
    '\tfield:__u8 saddr[4];\toffset:32;\tsize:4;\tsigned:0;',
    '\tfield:__u8 daddr[4];\toffset:36;\tsize:4;\tsigned:0;',
    '\tfield:__u8 saddr_v6[16];\toffset:40;\tsize:16;\tsigned:0;',
    '\tfield:__u8 daddr_v6[16];\toffset:56;\tsize:16;\tsigned:0;',
    '',
  ].join('\n'),
);

const TCP_SYN_SENT = 2;
const TCP_CLOSE = 7;

function setStateRecord(family: number, saddr: number[], daddr: number[]): Buffer {
  const record = Buffer.alloc(72);
  record.writeBigUInt64LE(0xffff888800001234n, 8);
  record.writeInt32LE(TCP_CLOSE, 16);
  record.writeInt32LE(TCP_SYN_SENT, 20);
  record.writeUInt16LE(43210, 24);
  record.writeUInt16LE(8080, 26);
  record.writeUInt16LE(family, 28);
  record.writeUInt16LE(6, 30);
  Buffer.from(saddr).copy(record, 32);
  Buffer.from(daddr).copy(record, 36);
  return record;
}

describe('kernel event decoding', () => {
  const decode = makeDecoder('sock/inet_sock_set_state', SET_STATE);

  it('decodes an IPv4 socket’s transition', () => {
    expect(decode(setStateRecord(2, [10, 210, 1, 2], [10, 210, 1, 3]), 5n, 0)).toMatchObject({
      kind: 'state',
      local: { addr: '10.210.1.2', port: 43210 },
      remote: { addr: '10.210.1.3', port: 8080 },
      from: 'CLOSED',
      to: 'SYN_SENT',
    });
  });

  it('decodes a dual-stack (AF_INET6, v4-mapped) socket by its IPv4 addresses, as Java opens them', () => {
    expect(decode(setStateRecord(10, [10, 210, 1, 2], [10, 210, 1, 3]), 5n, 0)).toMatchObject({
      local: { addr: '10.210.1.2', port: 43210 },
      remote: { addr: '10.210.1.3', port: 8080 },
      to: 'SYN_SENT',
    });
  });

  it('ignores other address families', () => {
    expect(decode(setStateRecord(1, [10, 210, 1, 2], [10, 210, 1, 3]), 5n, 0)).toBeNull();
  });

  it('reads tcp_send_reset sockaddr images, IPv4 or v4-mapped IPv6, and skips other IPv6', () => {
    const in4 = Buffer.alloc(28);
    in4.writeUInt16LE(2, 0);
    in4.writeUInt16BE(8080, 2);
    Buffer.from([10, 210, 1, 2]).copy(in4, 4);
    expect(sockaddrIn(in4)).toEqual({ addr: '10.210.1.2', port: 8080 });

    const mapped = Buffer.alloc(28);
    mapped.writeUInt16LE(10, 0);
    mapped.writeUInt16BE(8080, 2);
    Buffer.from([0xff, 0xff, 10, 210, 1, 2]).copy(mapped, 18);
    expect(sockaddrIn(mapped)).toEqual({ addr: '10.210.1.2', port: 8080 });

    const v6 = Buffer.from(mapped);
    v6[8] = 0x20; // 2000::… is a global IPv6 address, not v4-mapped
    expect(sockaddrIn(v6)).toBeNull();
  });
});
