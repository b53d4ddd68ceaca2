import { existsSync } from 'node:fs';
import { KernelTraceCollector, type KernelEvent, type KernelStateChange } from '../src';
import { locateTracefs } from '../src/kernel/tracefs';
import { createVethLab, runPython, waitFor, type VethLab } from './support/veth-lab';
import { CLIENT, startServer } from './support/tcp-programs';

const PORT = 7001;

function statePath(events: KernelEvent[], match: (e: KernelStateChange) => boolean): string[] {
  return events
    .filter((e): e is KernelStateChange => e.kind === 'state' && match(e))
    .map((e) => `${e.from}>${e.to}`);
}

async function runScenario(lab: VethLab, mode: string): Promise<void> {
  const { child: server, done: serverDone } = startServer(lab, PORT, mode);
  await waitFor(
    'server ready',
    () => new Promise<true | undefined>((r) => server.stdout.once('data', () => r(true))),
  );
  await runPython(lab.client.ns, CLIENT, [lab.server.addr, String(PORT), mode]);
  await serverDone;
}

describe('KernelTraceCollector in a veth lab', () => {
  let lab: VethLab;
  beforeAll(() => {
    locateTracefs();
    lab = createVethLab('k', 11);
  });
  afterAll(() => lab?.teardown());

  it('records the handshake and 4-way close of both kernel sockets, and loses nothing', async () => {
    const instanceName = `slr-test-${process.pid}`;
    const collector = await KernelTraceCollector.start({
      instanceName,
      addresses: [lab.client.addr, lab.server.addr],
    });
    await runScenario(lab, 'close');
    const result = await collector.stop();
    await collector.dispose();
    expect(existsSync(`${locateTracefs()}/instances/${instanceName}`)).toBe(false);
    expect(result.lostEvents).toBe(0);
    expect(result.skipped).toEqual([]);

    const client = result.events.find(
      (e) => e.kind === 'state' && e.remote.port === PORT && e.to === 'SYN_SENT',
    )!;
    // tcp_v4_connect() sets SYN_SENT before it picks the source port: identify the socket by sk.
    expect(client.local).toEqual({ addr: lab.client.addr, port: 0 });
    const established = result.events.find(
      (e) => e.sk === client.sk && e.kind === 'state' && e.to === 'ESTABLISHED',
    )!;
    const clientPort = established.local.port;
    // RFC 9293 §3.6: the active closer goes FIN-WAIT-1 → FIN-WAIT-2 → TIME-WAIT; the kernel
    // tracepoint reports TIME_WAIT as CLOSE of the full socket (the timewait mini-socket takes over).
    expect(statePath(result.events, (e) => e.sk === client.sk)).toEqual([
      'CLOSED>SYN_SENT',
      'SYN_SENT>ESTABLISHED',
      'ESTABLISHED>FIN_WAIT_1',
      'FIN_WAIT_1>FIN_WAIT_2',
      'FIN_WAIT_2>CLOSED',
    ]);
    expect(statePath(result.events, (e) => e.local.port === PORT && e.remote.port === clientPort)).toEqual([
      'LISTEN>SYN_RECEIVED',
      'SYN_RECEIVED>ESTABLISHED',
      'ESTABLISHED>CLOSE_WAIT',
      'CLOSE_WAIT>LAST_ACK',
      'LAST_ACK>CLOSED',
    ]);
    for (let i = 1; i < result.events.length; i++)
      expect(result.events[i].tNs >= result.events[i - 1].tNs).toBe(true);
  });

  it('hands each event to onEvent while the run goes on, in timestamp order across CPUs', async () => {
    const delivered: KernelEvent[] = [];
    const collector = await KernelTraceCollector.start({
      instanceName: `slr-test-${process.pid}`,
      addresses: [lab.client.addr, lab.server.addr],
      onEvent: (event) => delivered.push(event),
    });
    const serverSide = (e: KernelEvent): e is KernelStateChange =>
      e.kind === 'state' && e.local.addr === lab.server.addr && e.local.port === PORT;
    let result;
    try {
      const { child: server, done: serverDone } = startServer(lab, PORT, 'hold');
      let serverSaid = '';
      server.stdout.on('data', (d: Buffer) => (serverSaid += d.toString()));
      await waitFor('server ready', () => (serverSaid.includes('ready') ? true : undefined));
      const clientDone = runPython(lab.client.ns, CLIENT, [lab.server.addr, String(PORT), 'hold']);
      // The server holds its socket in CLOSE_WAIT until told to close: the event must arrive
      // before then, from the running collector, not from stop().
      await waitFor('CLOSE_WAIT from onEvent', () =>
        delivered.some((e) => serverSide(e) && e.to === 'CLOSE_WAIT') ? true : undefined,
      );
      expect(delivered.some((e) => serverSide(e) && e.to === 'LAST_ACK')).toBe(false);
      server.stdin.end('close\n');
      await Promise.all([clientDone, serverDone]);
    } finally {
      result = await collector.stop();
      await collector.dispose();
    }
    const isListener = (e: KernelStateChange) =>
      e.to === 'LISTEN' || (e.from === 'LISTEN' && e.to === 'CLOSED');
    const accepted = delivered.filter(serverSide).filter((e) => !isListener(e));
    expect(accepted.map((e) => `${e.from}>${e.to}`)).toEqual([
      'LISTEN>SYN_RECEIVED',
      'SYN_RECEIVED>ESTABLISHED',
      'ESTABLISHED>CLOSE_WAIT',
      'CLOSE_WAIT>LAST_ACK',
      'LAST_ACK>CLOSED',
    ]);
    // Everything kept, handed over once, in the order of the stamps.
    expect(delivered).toEqual(result.events);
  });

  it('records the RST sent by close() with unread data, with the kernel reason', async () => {
    const collector = await KernelTraceCollector.start({
      instanceName: `slr-test-${process.pid}`,
      addresses: [lab.server.addr],
    });
    await runScenario(lab, 'rst');
    const result = await collector.stop();
    await collector.dispose();
    const sent = result.events.find((e) => e.kind === 'reset-sent');
    const received = result.events.find((e) => e.kind === 'reset-received');
    expect(sent).toMatchObject({ local: { addr: lab.server.addr, port: PORT } });
    if (sent && 'reason' in sent && sent.reason !== undefined)
      expect(sent.reason).toMatch(/CLOSE|NOT_SPECIFIED/);
    expect(received).toMatchObject({ remote: { addr: lab.server.addr, port: PORT } });
  });

  it('refuses to adopt an instance that already exists', async () => {
    const name = `slr-dup-${process.pid}`;
    const first = await KernelTraceCollector.start({ instanceName: name, addresses: [lab.client.addr] });
    try {
      await expect(KernelTraceCollector.start({ instanceName: name, addresses: [] })).rejects.toMatchObject({
        code: 'trace/instance-exists',
      });
    } finally {
      await first.stop();
      await first.dispose();
    }
    expect(existsSync(`${locateTracefs()}/instances/${name}`)).toBe(false);
  });

  it('dispose() without stop() removes the instance, and a second stop() is refused', async () => {
    const name = `slr-dispose-${process.pid}`;
    const collector = await KernelTraceCollector.start({ instanceName: name, addresses: [lab.client.addr] });
    expect(existsSync(`${locateTracefs()}/instances/${name}`)).toBe(true);
    await collector.dispose();
    await collector.dispose();
    expect(existsSync(`${locateTracefs()}/instances/${name}`)).toBe(false);
    await expect(collector.stop()).rejects.toMatchObject({ code: 'trace/collector-stopped' });
  });
});
