/**
 * Connection teardown between our stack and the Linux kernel over a real TAP: half-close
 * in both directions, RST when a side closes with unread data (RFC 9293 §3.10.4 / RFC 2525
 * §2.17, which Linux implements), and a simultaneous close whose FINs cross (RFC 9293
 * §3.6, CLOSING on both sides; the glue holds the FINs so they cross deterministically).
 */
import { createHash, randomBytes } from 'node:crypto';
import { parseIpv4, type PeerConnection } from '@socklab/netstack';
import type { KernelSocket } from './support/kernel-socket';
import { InteropLab, leftovers } from './support/interop-lab';

const asRoot = process.getuid?.() === 0 ? describe : describe.skip;

asRoot('netstack ↔ Linux kernel: closing a connection', () => {
  let lab: InteropLab;
  let nextPort = 5201;

  beforeAll(async () => {
    lab = await InteropLab.create({ tag: 'cl', subnet: 12 });
  });

  afterAll(async () => {
    await lab?.dispose();
    expect(leftovers('cl')).toEqual({ namespaces: [], taps: [] });
  });

  /** Our stack connects to a fresh kernel listener. */
  async function establish(): Promise<{
    conn: PeerConnection;
    kernel: KernelSocket;
    port: number;
    ourPort: number;
  }> {
    const port = nextPort++;
    const kernel = await lab.kernelSocket();
    await kernel.listen(port);
    const accepted = kernel.accept();
    const conn = await lab.peer.connect({ addr: parseIpv4(lab.kernelAddr), port }, { timeoutMs: 5000 });
    await accepted;
    return { conn, kernel, port, ourPort: conn.socket.local.port };
  }

  const path = (ourPort: number) => lab.statesOf(ourPort).map((t) => `${t.from}→${t.to}`);

  it('kernel shutdown(SHUT_WR): we see EOF and the kernel still receives what we send after it', async () => {
    const { conn, kernel, ourPort } = await establish();

    await kernel.shutdownWrite();
    expect((await conn.readToEof(5000)).length).toBe(0);
    expect(conn.state).toBe('CLOSE_WAIT');
    await lab.waitForKernel('FIN_WAIT_2', (s) => s.state === 'FIN_WAIT_2' && s.peer.port === ourPort);

    const data = randomBytes(256 * 1024);
    const received = kernel.recv();
    await conn.send(data);
    conn.close();

    expect(await received).toEqual({ bytes: data.length, sha256: sha256(data), eof: true });
    await conn.waitForState('CLOSED', 5000);
    expect(path(ourPort)).toEqual([
      'CLOSED→SYN_SENT',
      'SYN_SENT→ESTABLISHED',
      'ESTABLISHED→CLOSE_WAIT',
      'CLOSE_WAIT→LAST_ACK',
      'LAST_ACK→CLOSED',
    ]);
    await lab.waitForKernel('TIME_WAIT', (s) => s.state === 'TIME_WAIT' && s.peer.port === ourPort);
  });

  it('our shutdownWrite: the kernel reads EOF and we still receive what it sends after it', async () => {
    const { conn, kernel, ourPort } = await establish();

    conn.shutdownWrite();
    expect(await kernel.recv()).toEqual({ bytes: 0, sha256: sha256(new Uint8Array(0)), eof: true });
    await conn.waitForState('FIN_WAIT_2', 5000);
    await lab.waitForKernel('CLOSE_WAIT', (s) => s.state === 'CLOSE_WAIT' && s.peer.port === ourPort);

    const reading = conn.readToEof(10_000);
    const sent = await kernel.send(256 * 1024);
    await kernel.close();
    const received = await reading;

    expect({ bytes: received.length, sha256: sha256(received) }).toEqual({
      bytes: sent.bytes,
      sha256: sent.sha256,
    });
    await conn.waitForState('TIME_WAIT', 5000);
    expect(path(ourPort).slice(2)).toEqual([
      'ESTABLISHED→FIN_WAIT_1',
      'FIN_WAIT_1→FIN_WAIT_2',
      'FIN_WAIT_2→TIME_WAIT',
    ]);
  });

  it('the kernel closing with unread data resets the connection: we get RST, not FIN', async () => {
    const { conn, kernel, port, ourPort } = await establish();
    const unread = 'bytes the kernel application never reads\n';
    await conn.send(unread);
    await lab.waitForKernel(
      'the bytes in its receive queue',
      (s) => s.peer.port === ourPort && s.recvQ === unread.length,
    );
    const resets: string[] = [];
    conn.socket.on('reset', (reason) => resets.push(reason));

    await kernel.close();

    await lab.until('a reset event', () => resets.length > 0);
    expect(resets).toEqual(['rst-received']);
    expect(conn.state).toBe('CLOSED');
    const fromKernel = lab.gate.of('toStack').filter((s) => s.srcPort === port && s.dstPort === ourPort);
    expect(fromKernel.filter((s) => s.fin)).toEqual([]);
    expect(fromKernel.filter((s) => s.rst)).toHaveLength(1);
  });

  it('we close with unread data: the kernel recv() fails with ECONNRESET', async () => {
    const { conn, kernel, port, ourPort } = await establish();
    conn.pauseReading();
    await kernel.send(1000);
    await lab.until('1000 unread bytes in our socket', () => conn.socket.readableBytes === 1000);

    const recv = kernel.recv();
    conn.close();

    await expect(recv).rejects.toMatchObject({ errno: 'ECONNRESET' });
    expect(conn.state).toBe('CLOSED');
    const toKernel = lab.gate.of('toKernel').filter((s) => s.srcPort === ourPort && s.dstPort === port);
    expect(toKernel.filter((s) => s.fin)).toEqual([]);
    expect(toKernel.filter((s) => s.rst)).toHaveLength(1);
    expect((await lab.ss()).filter((s) => s.peer.port === ourPort)).toEqual([]);
  });

  it('simultaneous close: FINs cross, both sides pass through CLOSING to TIME_WAIT', async () => {
    const { conn, kernel, port, ourPort } = await establish();
    const kernelFin = lab.gate.hold('toStack', (s) => s.fin && s.srcPort === port);
    const ourFin = lab.gate.hold('toKernel', (s) => s.fin && s.dstPort === port);

    await kernel.shutdownWrite();
    await lab.until('the kernel FIN (held in the glue)', () => kernelFin.hits.length > 0);
    conn.shutdownWrite();
    await lab.until('our FIN (held in the glue)', () => ourFin.hits.length > 0);
    expect(conn.state).toBe('FIN_WAIT_1');
    await lab.waitForKernel('FIN_WAIT_1', (s) => s.state === 'FIN_WAIT_1' && s.peer.port === ourPort);

    // Each FIN now reaches a side in FIN_WAIT_1. Hold the ACKs they provoke, so both
    // sides stay in CLOSING long enough to be seen there.
    const ourAcks = lab.gate.hold('toKernel', (s) => s.dstPort === port && !s.fin);
    const kernelAcks = lab.gate.hold('toStack', (s) => s.srcPort === port && !s.fin);
    kernelFin.release();
    ourFin.release();

    await conn.waitForState('CLOSING', 5000);
    await lab.waitForKernel('CLOSING', (s) => s.state === 'CLOSING' && s.peer.port === ourPort);
    expect(ourAcks.hits.length).toBeGreaterThanOrEqual(1);

    ourAcks.release();
    kernelAcks.release();
    await conn.waitForState('TIME_WAIT', 5000);
    await lab.waitForKernel('TIME_WAIT', (s) => s.state === 'TIME_WAIT' && s.peer.port === ourPort);
    expect(path(ourPort).slice(2)).toEqual([
      'ESTABLISHED→FIN_WAIT_1',
      'FIN_WAIT_1→CLOSING',
      'CLOSING→TIME_WAIT',
    ]);
  });
});

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
