import {
  buildTrace,
  KernelTraceCollector,
  type CapturedSegment,
  type KernelCollectorResult,
  takeSsSnapshot,
  type SsSnapshot,
  type Trace,
} from '../src';
import { createVethLab, runPython, waitFor, type VethLab } from './support/veth-lab';
import { CLIENT, startServer } from './support/tcp-programs';
import { TsharkCapture } from './support/tshark-capture';

/** Runs one scenario with all sources on and merges them. */
async function traceScenario(lab: VethLab, mode: string, port: number): Promise<Trace> {
  const originNs = process.hrtime.bigint();
  const collector = await KernelTraceCollector.start({
    instanceName: `slr-agree-${process.pid}`,
    addresses: [lab.client.addr, lab.server.addr],
  });
  const capture = await TsharkCapture.start(lab.server.ns, lab.server.ifname);
  const snapshots: SsSnapshot[] = [];
  let kernel: KernelCollectorResult;
  let segments: CapturedSegment[];
  try {
    const { child: server, done: serverDone } = startServer(lab, port, mode);
    await waitFor(
      'server ready',
      () => new Promise<true | undefined>((r) => server.stdout.once('data', () => r(true))),
    );
    await runPython(lab.client.ns, CLIENT, [lab.server.addr, String(port), mode]);
    await serverDone;
    snapshots.push(await takeSsSnapshot(lab.client.ns));
  } finally {
    // The kernel collector stops first so that the capture's sentinel connection stays out of it.
    kernel = await collector.stop();
    await collector.dispose();
    segments = await capture.stop(lab.client.ns, lab.server.addr);
  }
  return buildTrace({
    originNs,
    hosts: [
      { id: 'client', role: 'learner', name: 'client', addresses: [lab.client.addr] },
      { id: 'server', role: 'peer', name: 'server', addresses: [lab.server.addr] },
    ],
    segments,
    kernel,
    ssSnapshots: snapshots,
  });
}

function pathOf(trace: Trace, hostId: string, source: string): string[] {
  const ep = trace.connections[0].endpoints.find((e) => e.hostId === hostId)!;
  return ep.states.filter((s) => s.source === source).map((s) => s.state);
}

describe('kernel, ss and inferred states agree on real connections', () => {
  let lab: VethLab;
  beforeAll(() => (lab = createVethLab('a', 14)));
  afterAll(() => lab?.teardown());

  it('4-way close: full agreement, TIME_WAIT witnessed by ss on the active closer', async () => {
    const trace = await traceScenario(lab, 'close', 7010);
    expect(trace.connections).toHaveLength(1);
    const [client, server] = trace.connections[0].endpoints;
    expect(client.hostId).toBe('client');
    expect(pathOf(trace, 'client', 'inferred')).toEqual([
      'CLOSED',
      'SYN_SENT',
      'ESTABLISHED',
      'FIN_WAIT_1',
      'FIN_WAIT_2',
      'TIME_WAIT',
    ]);
    expect(pathOf(trace, 'client', 'kernel')).toEqual([
      'CLOSED',
      'SYN_SENT',
      'ESTABLISHED',
      'FIN_WAIT_1',
      'FIN_WAIT_2',
      'CLOSED',
    ]);
    expect(pathOf(trace, 'client', 'ss')).toEqual(['TIME_WAIT']);
    expect(client.agreement).toMatchObject({
      sources: ['kernel', 'inferred', 'ss'],
      fraction: 1,
      disagreements: [],
    });
    expect(server.agreement).toMatchObject({ sources: ['kernel', 'inferred'], fraction: 1 });
    expect(trace.packets.map((p) => p.flags).slice(0, 3)).toEqual(['S', 'S.', '.']);
    expect(trace.packets[0]).toMatchObject({ seq: 0, ack: null });
    expect(trace.packets[1]).toMatchObject({ seq: 0, ack: 1 });
  });

  it('half-close: the server still sends after the client FIN; sources agree', async () => {
    const trace = await traceScenario(lab, 'halfclose', 7011);
    const [client, server] = trace.connections[0].endpoints;
    expect(pathOf(trace, 'server', 'kernel')).toEqual([
      'LISTEN',
      'SYN_RECEIVED',
      'ESTABLISHED',
      'CLOSE_WAIT',
      'LAST_ACK',
      'CLOSED',
    ]);
    expect(client.agreement?.fraction).toBe(1);
    expect(server.agreement?.fraction).toBe(1);
  });

  it('RST on close with unread data: both sources see ESTABLISHED → CLOSED; kernel reset events attached', async () => {
    const trace = await traceScenario(lab, 'rst', 7012);
    const [client, server] = trace.connections[0].endpoints;
    expect(pathOf(trace, 'server', 'kernel').slice(-2)).toEqual(['ESTABLISHED', 'CLOSED']);
    expect(pathOf(trace, 'client', 'inferred').slice(-2)).toEqual(['ESTABLISHED', 'CLOSED']);
    expect(client.agreement?.fraction).toBe(1);
    expect(server.agreement?.fraction).toBe(1);
    expect(trace.tcpEvents.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['reset-sent', 'reset-received']),
    );
    expect(trace.tcpEvents.every((e) => e.connectionId === trace.connections[0].id)).toBe(true);
  });
});
