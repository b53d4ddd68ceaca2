/**
 * Real test (root): two namespaces, each with a TAP, joined through the userspace switch.
 * The kernels ping each other and move a TCP stream through it; one data segment is
 * dropped by an impairment and the capture hook sees the kernel retransmit it.
 */
import {
  connectTap,
  dropNth,
  FrameAnnotation,
  FrameIoHub,
  isDropped,
  LabAddressPool,
  LabNamespace,
  LearningSwitch,
  TapDevice,
} from '../src';
import { tcpSegment } from './helpers/frames';
import { leftoverLinks, leftoverNamespaces, runningAsRoot, waitFor } from './helpers/lab-resources';

const PREFIX = 'slq-s';
const PORT_A = 1;
const PORT_B = 2;
const TCP_PORT = 5001;
const describeAsRoot = runningAsRoot ? describe : describe.skip;

interface HookRecord {
  readonly port: number;
  readonly direction: 'in' | 'out';
  readonly frame: Uint8Array;
  readonly annotations: readonly FrameAnnotation[];
}

describeAsRoot('two namespaces through the userspace switch', () => {
  const addresses = new LabAddressPool().allocate();
  const ipB = addresses.host(2);
  const namespaces: LabNamespace[] = [];
  const lanSwitch = new LearningSwitch();
  const records: HookRecord[] = [];
  let nsA: LabNamespace;
  let nsB: LabNamespace;

  beforeAll(async () => {
    lanSwitch.addFrameHook((port, direction, frame, _ts, annotations) =>
      records.push({ port, direction, frame: frame.slice(), annotations }),
    );
    nsA = await LabNamespace.create(`${PREFIX}-a`);
    namespaces.push(nsA);
    nsB = await LabNamespace.create(`${PREFIX}-b`);
    namespaces.push(nsB);
    for (const [ns, id, n] of [
      [nsA, PORT_A, 1],
      [nsB, PORT_B, 2],
    ] as const) {
      const tap = await TapDevice.create({ name: `${ns.name}-tap` });
      connectTap(lanSwitch, tap, id);
      await ns.adoptTap(tap, { addr: addresses.hostCidr(n), mac: addresses.mac(n) });
    }
  });

  afterAll(async () => {
    for (const ns of namespaces) await ns.dispose();
    addresses.release();
    expect(leftoverNamespaces(PREFIX)).toEqual([]);
    expect(leftoverLinks(PREFIX)).toEqual([]);
    expect(FrameIoHub.shared().deviceCount).toBe(0);
  });

  it('ping from one namespace reaches the other', async () => {
    const result = await nsA.exec('ping', ['-c', '3', '-i', '0.2', '-W', '2', ipB], 15_000);
    expect(result.stdout).toMatch(/3 packets transmitted, 3 received/);
    expect(
      lanSwitch
        .macEntries()
        .map((entry) => entry.mac)
        .sort(),
    ).toEqual([addresses.mac(1), addresses.mac(2)]);
  });

  it('carries a TCP stream, and the kernel retransmits the segment an impairment dropped', async () => {
    const isDataToServer = (frame: Uint8Array): boolean => {
      const segment = tcpSegment(frame);
      return (
        segment !== undefined && segment.payloadLength > 0 && ((frame[36] << 8) | frame[37]) === TCP_PORT
      );
    };
    const impairment = lanSwitch
      .impairments(PORT_B, 'egress')
      .add(dropNth({ n: 5, match: isDataToServer, matchLabel: 'tcp-data' }));
    const bytes = 300_000;
    const server = nsB.spawn(process.execPath, [
      '-e',
      `let n = 0; const s = require('net').createServer((c) => { c.on('data', (d) => (n += d.length));` +
        ` c.on('end', () => { process.stdout.write(String(n)); s.close(); }); }).listen(${TCP_PORT}, '${ipB}', () => process.stdout.write('ready\\n'));`,
    ]);
    let serverOutput = '';
    server.stdout!.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()));
    await waitFor('server to listen', () => serverOutput.includes('ready'));

    await nsA.exec(
      process.execPath,
      [
        '-e',
        `const c = require('net').connect(${TCP_PORT}, '${ipB}', () => c.end(Buffer.alloc(${bytes}, 7)));`,
      ],
      20_000,
    );
    await waitFor('server to count the stream', () => serverOutput.trim().endsWith(String(bytes)), 20_000);
    impairment.remove();

    const dropped = records.filter(
      (r) => r.port === PORT_B && r.direction === 'out' && isDropped(r.annotations),
    );
    expect(dropped).toHaveLength(1);
    expect(dropped[0].annotations.map((a) => a.text)).toEqual([
      'dropped by impairment drop-nth(5, tcp-data)',
    ]);
    const droppedSeq = tcpSegment(dropped[0].frame)!.seq;
    const deliveredWithSeq = records.filter(
      (r) =>
        r.port === PORT_B &&
        r.direction === 'out' &&
        !isDropped(r.annotations) &&
        tcpSegment(r.frame)?.seq === droppedSeq,
    );
    expect(deliveredWithSeq.length).toBeGreaterThanOrEqual(1);
  }, 30_000);
});
