import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabEvent } from '@socklab/contracts';
import { LabEventSequencer } from '../events';
import { backToBack } from './__fixtures__/back-to-back';
import { CaptureRecorder } from './capture-recorder';

describe('UDP and ICMP on a learner link', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'datagram-capture-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('records a datagram to a closed port and the ICMP port unreachable it draws, and describes both live', async () => {
    const events: LabEvent[] = [];
    const capture = await CaptureRecorder.open(join(dir, 'capture.pcapng'), {
      clock: { realtimeNs: 0n, monotonicNs: 0n },
      events: new LabEventSequencer((event) => events.push(event)),
      comments: [],
      onFrame: () => undefined,
    });
    capture.addPort({ id: 1, name: 'client', description: 'learner client', learner: true });
    let t = 0n;
    const [client, server] = backToBack((frame) => capture.hook(1, 'in', frame, ++t, []));
    client.udpBind(40000).sendTo(0, { addr: server.addr, port: 7 }, 'PING');
    await capture.close();

    expect(capture.segments).toEqual([]);
    expect(capture.udpDatagrams).toEqual([
      expect.objectContaining({
        link: 'client',
        direction: 'in',
        src: { addr: '10.9.0.1', port: 40000 },
        dst: { addr: '10.9.0.2', port: 7 },
        payload: Uint8Array.from(Buffer.from('PING')),
      }),
    ]);
    expect(capture.icmpMessages).toEqual([
      expect.objectContaining({
        src: '10.9.0.2',
        dst: '10.9.0.1',
        type: 3,
        code: 3,
        quoted: {
          protocol: 'udp',
          src: { addr: '10.9.0.1', port: 40000 },
          dst: { addr: '10.9.0.2', port: 7 },
        },
      }),
    ]);
    const packets = events.filter((event) => event.type === 'packet');
    expect(packets.map((event) => [event.protocol, event.src, event.dst, event.summary])).toEqual([
      ['arp', 'client', '', 'arp frame on client'],
      ['arp', 'client', '', 'arp frame on client'],
      ['udp', '10.9.0.1:40000', '10.9.0.2:7', 'UDP len=4 "PING"'],
      ['icmp', '10.9.0.2', '10.9.0.1', 'ICMP port unreachable about UDP 10.9.0.1:40000 → 10.9.0.2:7'],
    ]);
  });
});
