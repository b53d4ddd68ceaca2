/**
 * Flow control and loss recovery between our stack and the Linux kernel over a real TAP:
 * a zero window that the kernel probes (RFC 9293 §3.8.6.1) and that reopens, and one
 * data segment lost in each direction and retransmitted (RFC 6298). The losses are made
 * by the TAP↔Host glue, so exactly one chosen segment disappears.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { PeerConnection } from '@socklab/netstack';
import { lastOf, type Segment } from './support/frame-gate';
import type { KernelSocket } from './support/kernel-socket';
import { InteropLab, leftovers } from './support/interop-lab';

const MIB = 1024 * 1024;
const asRoot = process.getuid?.() === 0 ? describe : describe.skip;

asRoot('netstack ↔ Linux kernel: flow control and retransmission', () => {
  let lab: InteropLab;
  let nextPort = 5301;

  beforeAll(async () => {
    lab = await InteropLab.create({ tag: 'fl', subnet: 13 });
  });

  afterAll(async () => {
    await lab?.dispose();
    expect(leftovers('fl')).toEqual({ namespaces: [], taps: [] });
  });

  /** The kernel connects to a fresh listener of ours. */
  async function establish(): Promise<{
    conn: PeerConnection;
    kernel: KernelSocket;
    port: number;
    kernelPort: number;
  }> {
    const port = nextPort++;
    const listener = lab.peer.listen(port);
    const kernel = await lab.kernelSocket();
    const local = await kernel.connect(lab.stackAddr, port);
    const conn = await listener.accept(5000);
    listener.close();
    return { conn, kernel, port, kernelPort: Number(local.split(':')[1]) };
  }

  it('zero window: the kernel stops sending and probes; reading again lets the transfer complete', async () => {
    const { conn, kernel, port, kernelPort } = await establish();
    conn.pauseReading();
    let kernelSendDone = false;
    const sending = kernel.send(2 * MIB).then((digest) => {
      kernelSendDone = true;
      return digest;
    });

    const toKernel = () => lab.gate.of('toKernel').filter((s) => s.srcPort === port);
    await lab.until('our advertised window to reach 0', () => toKernel().some((s) => s.window === 0));
    const closedAt = lastOf(
      toKernel()
        .filter((s) => s.window === 0)
        .slice(0, 1),
      'zero-window segment',
    );
    const held = conn.socket.readableBytes;
    expect(held).toBeGreaterThan(0);
    // Zero-window probes: empty segments one below the sequence number we expect next.
    const probes = () =>
      lab.gate
        .of('toStack')
        .filter(
          (s) =>
            s.srcPort === kernelPort &&
            s.t > closedAt.t &&
            s.payloadLength <= 1 &&
            s.seq === (closedAt.ack - 1) >>> 0,
        );
    await lab.until('two zero-window probes from the kernel', () => probes().length >= 2, 10_000);
    const kernelRow = await lab.waitForKernel(
      'its persist timer',
      (s) => s.local.port === kernelPort && s.timer?.name === 'persist',
    );
    expect(kernelRow.sendQ).toBeGreaterThan(0);
    expect(kernelSendDone).toBe(false);
    expect(conn.socket.readableBytes).toBe(held);
    // Every probe is answered with the window still closed.
    const answers = toKernel().filter((s) => s.t > probes()[0].t);
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((s) => s.window === 0)).toBe(true);

    const reading = conn.readExactly(2 * MIB, 30_000);
    conn.resumeReading();
    const received = await reading;
    expect(sha256(received)).toBe((await sending).sha256);
    expect(lastOf(toKernel(), 'segment to the kernel').window).toBeGreaterThan(0);
    conn.abort();
  }, 30_000);

  it('retransmits a data segment lost on the way to the kernel', async () => {
    const { conn, kernel, port } = await establish();
    let dataSegments = 0;
    const loss = lab.gate.drop(
      'toKernel',
      (s) => s.srcPort === port && s.payloadLength > 0 && ++dataSegments === 20,
    );
    const data = randomBytes(MIB);

    const received = kernel.recv(MIB, 30_000);
    await conn.send(data);
    expect(await received).toEqual({ bytes: MIB, sha256: sha256(data), eof: false });

    expect(loss.hits).toHaveLength(1);
    const lost = loss.hits[0];
    expect(resentCopies(lab.gate.of('toKernel'), lost)).toBeGreaterThanOrEqual(1);
    conn.abort();
  });

  it('accepts the kernel retransmission of a data segment lost on the way to us', async () => {
    const { conn, kernel, port, kernelPort } = await establish();
    let dataSegments = 0;
    const loss = lab.gate.drop(
      'toStack',
      (s) => s.srcPort === kernelPort && s.dstPort === port && s.payloadLength > 0 && ++dataSegments === 20,
    );

    const reading = conn.readExactly(MIB, 30_000);
    const sent = await kernel.send(MIB);
    const received = await reading;

    expect(sha256(received)).toBe(sent.sha256);
    expect(loss.hits).toHaveLength(1);
    expect(resentCopies(lab.gate.of('toStack'), loss.hits[0])).toBeGreaterThanOrEqual(1);
    // While the hole was open we asked for it: duplicate ACKs carrying the lost sequence number.
    const dupAcks = lab.gate
      .of('toKernel')
      .filter((s) => s.srcPort === port && s.t >= loss.hits[0].t && s.ack === loss.hits[0].seq);
    expect(dupAcks.length).toBeGreaterThanOrEqual(1);
    conn.abort();
  });
});

/** Later copies of `lost` (same ports and sequence number, carrying data) that went through. */
function resentCopies(segments: Segment[], lost: Segment): number {
  return segments.filter(
    (s) =>
      s !== lost &&
      s.t >= lost.t &&
      s.fate === 'passed' &&
      s.srcPort === lost.srcPort &&
      s.seq === lost.seq &&
      s.payloadLength > 0,
  ).length;
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
