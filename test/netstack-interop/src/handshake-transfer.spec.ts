/**
 * Our TCP stack against the Linux kernel over a real TAP: three-way handshakes in both
 * roles and 10 MiB bulk transfers in both directions, verified end to end by SHA-256.
 * Needs root (network namespaces, /dev/net/tun).
 */
import { createHash, randomBytes } from 'node:crypto';
import { parseIpv4 } from '@socklab/netstack';
import { InteropLab, leftovers } from './support/interop-lab';

const MIB = 1024 * 1024;
const asRoot = process.getuid?.() === 0 ? describe : describe.skip;

asRoot('netstack ↔ Linux kernel: handshake and bulk transfer', () => {
  let lab: InteropLab;
  let nextPort = 5101;

  beforeAll(async () => {
    lab = await InteropLab.create({ tag: 'hs', subnet: 11 });
  });

  afterAll(async () => {
    await lab?.dispose();
    expect(leftovers('hs')).toEqual({ namespaces: [], taps: [] });
  });

  const kernelEndpoint = (port: number) => ({ addr: parseIpv4(lab.kernelAddr), port });
  const path = (port: number) => lab.statesOf(port).map((t) => `${t.from}→${t.to}`);

  it('connects as a client to a kernel listener (SYN_SENT → ESTABLISHED on both sides)', async () => {
    const port = nextPort++;
    const kernel = await lab.kernelSocket();
    await kernel.listen(port);
    const accepted = kernel.accept();

    const conn = await lab.peer.connect(kernelEndpoint(port), { timeoutMs: 5000 });

    expect(await accepted).toBe(`${lab.stackAddr}:${conn.socket.local.port}`);
    const row = await lab.waitForKernel(
      'ESTABLISHED toward our port',
      (s) => s.state === 'ESTABLISHED' && s.peer.port === conn.socket.local.port,
    );
    expect(row.local).toEqual({ addr: lab.kernelAddr, port });
    expect(path(conn.socket.local.port)).toEqual(['CLOSED→SYN_SENT', 'SYN_SENT→ESTABLISHED']);
    // The SYN, the kernel's SYN-ACK, our ACK: exactly one of each, nothing retransmitted.
    const handshake = lab.gate.segments.filter((s) => s.syn && (s.srcPort === port || s.dstPort === port));
    expect(handshake.map((s) => `${s.dir}:${s.flags}`)).toEqual(['toKernel:SYN', 'toStack:SYN|ACK']);
    conn.abort();
  });

  it('accepts a kernel client as a server (LISTEN → SYN_RECEIVED → ESTABLISHED on both sides)', async () => {
    const port = nextPort++;
    const listener = lab.peer.listen(port);
    const kernel = await lab.kernelSocket();

    const kernelLocal = await kernel.connect(lab.stackAddr, port);
    const conn = await listener.accept(5000);

    const kernelPort = Number(kernelLocal.split(':')[1]);
    expect(conn.socket.remote.port).toBe(kernelPort);
    expect(conn.state).toBe('ESTABLISHED');
    await lab.waitForKernel(
      'ESTABLISHED toward our listener',
      (s) => s.state === 'ESTABLISHED' && s.local.port === kernelPort && s.peer.port === port,
    );
    expect(path(kernelPort)).toEqual(['LISTEN→SYN_RECEIVED', 'SYN_RECEIVED→ESTABLISHED']);
    conn.abort();
    listener.close();
  });

  it('receives 10 MiB from the kernel intact (SHA-256)', async () => {
    const port = nextPort++;
    const listener = lab.peer.listen(port);
    const kernel = await lab.kernelSocket();
    await kernel.connect(lab.stackAddr, port);
    const conn = await listener.accept(5000);

    const receiving = conn.readToEof(60_000);
    const sender = await kernel.send(10 * MIB);
    await kernel.shutdownWrite();
    const received = await receiving;

    expect(received.length).toBe(10 * MIB);
    expect(sha256(received)).toBe(sender.sha256);
    expect(conn.state).toBe('CLOSE_WAIT');
    conn.close();
    await lab.waitForKernel(
      'the kernel side to reach TIME_WAIT',
      (s) => s.state === 'TIME_WAIT' && s.peer.port === port,
    );
    listener.close();
  }, 90_000);

  it('sends 10 MiB to the kernel intact (SHA-256)', async () => {
    const port = nextPort++;
    const kernel = await lab.kernelSocket();
    await kernel.listen(port);
    const accepted = kernel.accept();
    const conn = await lab.peer.connect(kernelEndpoint(port), { timeoutMs: 5000 });
    await accepted;
    const data = randomBytes(10 * MIB);

    const received = kernel.recv();
    await conn.send(data, { timeoutMs: 60_000 });
    conn.shutdownWrite();
    const digest = await received;

    expect(digest).toEqual({ bytes: 10 * MIB, sha256: sha256(data), eof: true });
    await kernel.close();
    await conn.waitForState('TIME_WAIT', 5000);
  }, 90_000);
});

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
