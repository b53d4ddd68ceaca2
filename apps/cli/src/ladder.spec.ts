import type { Trace, TracePacket } from '@socklab/trace';
import { ladderDiagram } from './ladder';

const client = { addr: '10.0.0.1', port: 40000 };
const server = { addr: '10.0.0.2', port: 5000 };
const ms = (n: number) => n * 1e6;

function packet(
  index: number,
  t: number,
  from: 'client' | 'server',
  flags: string,
  extra: Partial<TracePacket> = {},
): TracePacket {
  const fromClient = from === 'client';
  return {
    index,
    t: ms(t),
    link: 'you',
    direction: fromClient ? 'in' : 'out',
    connectionId: 'c1',
    src: fromClient ? client : server,
    dst: fromClient ? server : client,
    flags,
    seq: 0,
    ack: flags.includes('.') ? 1 : null,
    len: 0,
    window: 64240,
    ...extra,
  };
}

const trace = {
  hosts: [
    { id: 'you', role: 'learner', name: 'you', addresses: [client.addr] },
    { id: 'server', role: 'peer', name: 'server', addresses: [server.addr] },
  ],
  connections: [
    {
      id: 'c1',
      endpoints: [
        {
          hostId: 'you',
          local: client,
          states: [
            { t: ms(1), state: 'SYN_SENT', source: 'kernel' },
            { t: ms(3), state: 'ESTABLISHED', source: 'kernel' },
            { t: ms(3), state: 'ESTABLISHED', source: 'ss' },
          ],
        },
        {
          hostId: 'server',
          local: server,
          states: [{ t: ms(2), state: 'SYN_RECEIVED', source: 'netstack' }],
        },
      ],
    },
  ],
  packets: [
    packet(0, 1.5, 'client', 'S'),
    // The copy of the client's SYN leaving toward the server is not drawn twice.
    { ...packet(1, 1.6, 'client', 'S'), direction: 'out' },
    packet(2, 2.5, 'server', 'S.'),
    packet(3, 3.5, 'client', 'P.', { seq: 1, len: 6, impairment: { action: 'drop' } }),
  ],
} as unknown as Trace;

describe('ladderDiagram', () => {
  const lines = ladderDiagram(trace, trace.connections[0]).split('\n');

  it('draws one arrow per segment, from its sender, in time order', () => {
    const arrows = lines.filter((line) => line.includes('│'));
    expect(arrows).toHaveLength(3);
    expect(arrows[0]).toMatch(/S seq 0 win 64240 .*▶│$/);
    expect(arrows[1]).toMatch(/│◀.* S\. seq 0 ack 1 win 64240/);
    expect(arrows[2]).toMatch(/P\. seq 1 ack 1 len 6 .*✗│$/);
  });

  it("writes each side's states on its side when entered, once per state", () => {
    const states = lines.filter((line) => /SYN_SENT|SYN_RECEIVED|ESTABLISHED/.test(line));
    expect(states.map((line) => line.trim().split(/\s+/))).toEqual([
      ['1.000', 'SYN_SENT'],
      ['2.000', 'SYN_RECEIVED'],
      ['3.000', 'ESTABLISHED'],
    ]);
    const synReceived = states[1];
    expect(synReceived.indexOf('SYN_RECEIVED')).toBeGreaterThan(states[0].indexOf('SYN_SENT') + 40);
  });

  it('names both endpoints in the header', () => {
    expect(lines[0]).toContain('you 10.0.0.1:40000');
    expect(lines[0]).toContain('server 10.0.0.2:5000');
  });
});
