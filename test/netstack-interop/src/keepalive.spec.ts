/**
 * Keepalive (RFC 9293 §3.8.4, RFC 1122 §4.2.3.6) between our stack and the Linux kernel
 * over a real TAP, in both directions: probes carry a sequence number one below the
 * next expected, and the other side answers each with an ACK, so an idle but healthy
 * connection survives more probe rounds than the probe limit allows unanswered.
 */
import { parseIpv4 } from '@socklab/netstack';
import { lastOf, type Segment } from './support/frame-gate';
import { InteropLab, leftovers } from './support/interop-lab';

const asRoot = process.getuid?.() === 0 ? describe : describe.skip;

/** Probes (empty or one-byte segments at seq = the other side's RCV.NXT − 1) sent from `srcPort`. */
function probesFrom(segments: Segment[], srcPort: number, rcvNxt: number): Segment[] {
  return segments.filter(
    (s) =>
      s.srcPort === srcPort &&
      s.payloadLength <= 1 &&
      !s.syn &&
      !s.fin &&
      !s.rst &&
      s.seq === (rcvNxt - 1) >>> 0,
  );
}

/** The first segment after `probe`, from the other side, acknowledging RCV.NXT. */
function answerTo(segments: Segment[], probe: Segment): Segment | undefined {
  return segments.find(
    (s) =>
      s.t >= probe.t &&
      s.dir !== probe.dir &&
      s.srcPort === probe.dstPort &&
      s.hasAck &&
      s.ack === (probe.seq + 1) >>> 0,
  );
}

asRoot('netstack ↔ Linux kernel: keepalive', () => {
  let ours: InteropLab;
  let plain: InteropLab;

  beforeAll(async () => {
    ours = await InteropLab.create({
      tag: 'ka',
      subnet: 14,
      tcpConfig: { keepalive: { idle: 300, interval: 200, probes: 2 } },
    });
    plain = await InteropLab.create({ tag: 'kb', subnet: 15 });
  });

  afterAll(async () => {
    await ours?.dispose();
    await plain?.dispose();
    expect(leftovers('ka', 'kb')).toEqual({ namespaces: [], taps: [] });
  });

  it('our keepalive probes an idle connection; the kernel answers every probe and the connection lives on', async () => {
    const port = 5401;
    const kernel = await ours.kernelSocket();
    await kernel.listen(port);
    const accepted = kernel.accept();
    const conn = await ours.peer.connect({ addr: parseIpv4(ours.kernelAddr), port }, { timeoutMs: 5000 });
    await accepted;
    const ourPort = conn.socket.local.port;
    const resets: string[] = [];
    conn.socket.on('reset', (reason) => resets.push(reason));
    const lastOut = lastOf(
      ours.gate.of('toKernel').filter((s) => s.srcPort === ourPort),
      'segment from us',
    );
    const sndNxt = lastOut.seq; // the handshake's final ACK: nothing sent since

    // Four probes: twice the limit (2), so unanswered probes would have killed the connection.
    await ours.until(
      '4 keepalive probes from us',
      () => probesFrom(ours.gate.of('toKernel'), ourPort, sndNxt).length >= 4,
      10_000,
    );

    const probes = probesFrom(ours.gate.of('toKernel'), ourPort, sndNxt);
    await ours.until(
      'the kernel to answer the 4th probe',
      () => answerTo(ours.gate.segments, probes[3]) !== undefined,
    );
    expect(probes.slice(0, 4).map((p) => answerTo(ours.gate.segments, p) !== undefined)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(probes[0].t - lastOut.t).toBeGreaterThanOrEqual(300);
    expect(resets).toEqual([]);
    expect(conn.state).toBe('ESTABLISHED');
    await ours.waitForKernel('ESTABLISHED', (s) => s.state === 'ESTABLISHED' && s.peer.port === ourPort);
    conn.abort();
  }, 15_000);

  it('answers the kernel keepalive probes (SO_KEEPALIVE, TCP_KEEPIDLE=1 s) so the kernel keeps the connection', async () => {
    const port = 5402;
    const listener = plain.peer.listen(port);
    const kernel = await plain.kernelSocket();
    const local = await kernel.connect(plain.stackAddr, port);
    const conn = await listener.accept(5000);
    const kernelPort = Number(local.split(':')[1]);
    const lastIn = lastOf(
      plain.gate.of('toStack').filter((s) => s.srcPort === kernelPort),
      'segment from the kernel',
    );

    // idle 1 s, interval 1 s, 2 probes: without answers the kernel resets after ~3 s.
    await kernel.keepalive(1, 1, 2);
    const probes = () => probesFrom(plain.gate.of('toStack'), kernelPort, lastIn.seq);
    await plain.until('3 kernel keepalive probes', () => probes().length >= 3, 10_000);
    await plain.until(
      'our answer to the 3rd probe',
      () => answerTo(plain.gate.segments, probes()[2]) !== undefined,
    );

    expect(
      probes()
        .slice(0, 3)
        .every((p) => answerTo(plain.gate.segments, p) !== undefined),
    ).toBe(true);
    const row = await plain.waitForKernel('ESTABLISHED', (s) => s.local.port === kernelPort);
    expect(row.state).toBe('ESTABLISHED');
    expect(row.timer?.name).toBe('keepalive');
    expect(conn.state).toBe('ESTABLISHED');
    conn.abort();
    listener.close();
  }, 15_000);
});
