import { icmpMessageName } from '../model/icmp-names';
import { UDP_PAYLOAD_KEPT } from '../model/trace-schema';
import { buildTrace } from './build-trace';

const hosts = [
  { id: 'client', role: 'learner' as const, name: 'client', addresses: ['10.210.0.1'] },
  { id: 'server', role: 'peer' as const, name: 'server', addresses: ['10.210.0.2'] },
];

describe('UDP datagrams and ICMP messages in the trace', () => {
  it('puts them on the trace timeline with their payload (bounded) and what an error is about', () => {
    const originNs = 1_000_000n;
    const trace = buildTrace({
      originNs,
      hosts,
      udpDatagrams: [
        {
          tNs: 3_000_000n,
          index: 4,
          link: 'client',
          direction: 'in',
          src: { addr: '10.210.0.1', port: 40000 },
          dst: { addr: '10.210.0.2', port: 7 },
          payload: Buffer.from('PING'),
        },
        {
          tNs: 4_000_000n,
          index: 6,
          link: 'client',
          direction: 'in',
          src: { addr: '10.210.0.1', port: 40000 },
          dst: { addr: '10.210.0.2', port: 7 },
          payload: new Uint8Array(UDP_PAYLOAD_KEPT + 100).fill(0x61),
          impairment: { action: 'drop', rule: 'lose-first' },
        },
      ],
      icmpMessages: [
        {
          tNs: 3_500_000n,
          index: 5,
          link: 'client',
          direction: 'out',
          src: '10.210.0.2',
          dst: '10.210.0.1',
          type: 3,
          code: 3,
          quoted: {
            protocol: 'udp',
            src: { addr: '10.210.0.1', port: 40000 },
            dst: { addr: '10.210.0.2', port: 7 },
          },
        },
      ],
    });
    expect(trace.udpDatagrams).toEqual([
      {
        index: 4,
        t: 2_000_000,
        link: 'client',
        direction: 'in',
        src: { addr: '10.210.0.1', port: 40000 },
        dst: { addr: '10.210.0.2', port: 7 },
        len: 4,
        payload: Buffer.from('PING').toString('base64'),
      },
      expect.objectContaining({
        len: UDP_PAYLOAD_KEPT + 100,
        impairment: { action: 'drop', rule: 'lose-first' },
      }),
    ]);
    expect(Buffer.from(trace.udpDatagrams?.[1].payload ?? '', 'base64')).toHaveLength(UDP_PAYLOAD_KEPT);
    expect(trace.icmpMessages).toEqual([
      {
        index: 5,
        t: 2_500_000,
        link: 'client',
        direction: 'out',
        src: '10.210.0.2',
        dst: '10.210.0.1',
        type: 3,
        code: 3,
        quoted: {
          protocol: 'udp',
          src: { addr: '10.210.0.1', port: 40000 },
          dst: { addr: '10.210.0.2', port: 7 },
        },
      },
    ]);
  });

  it('leaves both lists out when the capture did not report them (older traces look the same)', () => {
    const trace = buildTrace({ originNs: 0n, hosts });
    expect(trace).not.toHaveProperty('udpDatagrams');
    expect(trace).not.toHaveProperty('icmpMessages');
  });
});

describe('ICMP message names', () => {
  it('names the RFC 792 types and codes a learner meets, and spells out the others', () => {
    expect(
      [
        [0, 0],
        [8, 0],
        [3, 3],
        [3, 1],
        [3, 13],
        [11, 0],
        [5, 1],
      ].map(([type, code]) => icmpMessageName(type, code)),
    ).toEqual([
      'echo reply',
      'echo request',
      'port unreachable',
      'host unreachable',
      'destination unreachable (code 13)',
      'time exceeded',
      'type 5 code 1',
    ]);
  });
});
