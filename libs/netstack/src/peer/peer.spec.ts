/** End to end: two hosts with the real TCP layer talking through an in-memory link on virtual time. */
import { VirtualClock } from '../clock/virtual-clock';
import { Host } from '../iface/host';
import { Link } from '../iface/link';
import type { TcpConfig, TcpTransition } from '../tcp/api';
import { parseIpv4 } from '../wire/ip-types';
import { TcpPacket, parseTcp } from '../wire/tcp';
import type { TcpRepr } from '../wire/tcp-repr';
import { ScriptedPeer } from './peer';

const text = (b: Uint8Array) => Buffer.from(b).toString();

/** Both hosts acknowledge at once unless `serverTcp` says otherwise. */
function world(serverTcp: Partial<TcpConfig> = {}) {
  const clock = new VirtualClock();
  const segments: Array<{ t: number; from: string; tcp: TcpRepr }> = [];
  const transitions: TcpTransition[] = [];
  const names = ['client', 'server'];
  const link = new Link({
    latency: 1,
    tap: (frame, t, from) => {
      if (frame[12] !== 8 || frame[13] !== 0 || frame[23] !== 6) return;
      const packet = TcpPacket.check(frame.subarray(34, 14 + ((frame[16] << 8) | frame[17])));
      const src = ((frame[26] << 24) | (frame[27] << 16) | (frame[28] << 8) | frame[29]) >>> 0;
      const dst = ((frame[30] << 24) | (frame[31] << 16) | (frame[32] << 8) | frame[33]) >>> 0;
      const repr = packet.ok ? parseTcp(packet.value, src, dst) : null;
      if (repr?.ok) segments.push({ t, from: names[from], tcp: repr.value });
    },
  });
  clock.add(link);
  const peers = names.map((name, i) => {
    const host = new Host({
      name,
      mac: Uint8Array.of(2, 0, 0, 0, 0, i + 1),
      addr: parseIpv4(`10.0.0.${i + 1}`),
      tcpConfig: {
        isn: { kind: 'seeded', seed: i + 1 },
        delayedAck: 0,
        ...(name === 'server' ? serverTcp : {}),
      },
      tcpHooks: { onTransition: (t) => transitions.push(t) },
    });
    link.attach(host);
    clock.add(host);
    return new ScriptedPeer(host, clock);
  });
  const flags = (from?: string) =>
    segments
      .filter((s) => !from || s.from === from)
      .map((s) => {
        const f = s.tcp.flags;
        return `${f.syn ? 'S' : ''}${f.fin ? 'F' : ''}${f.rst ? 'R' : ''}${f.psh ? 'P' : ''}${f.ack ? '.' : ''}`;
      });
  return { clock, client: peers[0], server: peers[1], segments, transitions, flags };
}

describe('Scripted peers over the real TCP layer', () => {
  it('reads data and the FIN that arrived while the connection waited to be accepted', async () => {
    const { clock, client, server } = world();
    const listener = server.listen(7, { backlog: 4 });
    const a = await clock.run(client.connect({ host: server.host, port: 7 }, { timeoutMs: 1000 }));
    await clock.run(a.send('upload'));
    a.shutdownWrite();
    await clock.run(a.waitForState('FIN_WAIT_2', 1000));
    const b = await clock.run(listener.accept(1000));
    expect(b.peerClosed).toBe(true);
    expect(text(await clock.run(b.readToEof(10)))).toBe('upload');
  });

  it('connect, accept, exchange lines, half-close and read to EOF', async () => {
    const { clock, client, server, transitions } = world();
    const listener = server.listen(7, { backlog: 4 });
    const [a, b] = await clock.run(
      Promise.all([
        client.connect({ host: server.host, port: 7 }, { timeoutMs: 1000 }),
        listener.accept(1000),
      ]),
    );
    expect(a.state).toBe('ESTABLISHED');
    expect(b.state).toBe('ESTABLISHED');

    await clock.run(a.send('hello\nworld\n', { segmentation: 1 }));
    expect(await clock.run(b.readLine(1000))).toBe('hello');
    expect(await clock.run(b.readLine(1000))).toBe('world');

    await clock.run(b.send('bye'));
    b.shutdownWrite();
    expect(text(await clock.run(a.readToEof(1000)))).toBe('bye');
    a.close();
    // the server closed first: it ends in TIME_WAIT, the client (LAST_ACK) in CLOSED
    await clock.run(Promise.all([a.waitForState('CLOSED', 1000), b.waitForState('TIME_WAIT', 1000)]));
    expect(transitions.filter((t) => t.conn.local.port === 7).map((t) => t.to)).toEqual([
      'LISTEN',
      'SYN_RECEIVED',
      'ESTABLISHED',
      'FIN_WAIT_1',
      'FIN_WAIT_2',
      'TIME_WAIT',
    ]);
  });

  it('a server delaying its ACKs that closes on EOF sends its FIN with the ACK of ours: FIN, FIN+ACK, ACK', async () => {
    const { clock, client, server, segments, transitions, flags } = world({ delayedAck: 200 });
    const listener = server.listen(7);
    const [a, b] = await clock.run(
      Promise.all([client.connect({ host: server.host, port: 7 }), listener.accept(1000)]),
    );
    await clock.run(a.send('hello\n'));
    a.shutdownWrite();
    expect(text(await clock.run(b.readToEof(1000)))).toBe('hello\n');
    b.close(); // the script's next step, as the playground's three-way-close preset runs it
    await clock.run(Promise.all([a.waitForState('TIME_WAIT', 1000), b.waitForState('CLOSED', 1000)]));

    expect(flags()).toEqual(['S', 'S.', '.', 'P.', 'F.', 'F.', '.']);
    const [clientFin, serverFin] = segments.filter((s) => s.tcp.flags.fin);
    expect(serverFin.t - clientFin.t).toBeLessThan(200); // the FIN did not wait for the ACK timer
    const pathOf = (port: number) => transitions.filter((t) => t.conn.local.port === port).slice(-3);
    const clientPath = pathOf(a.socket.local.port);
    expect(clientPath.map((t) => t.to)).toEqual(['FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT']);
    expect(clientPath[2].t).toBe(clientPath[1].t); // no time in FIN_WAIT_2: ACK and FIN came together
    expect(pathOf(7).map((t) => t.to)).toEqual(['CLOSE_WAIT', 'LAST_ACK', 'CLOSED']);
  });

  it('close() with bytes the script never read resets the connection, as Linux does', async () => {
    const { clock, client, server, flags } = world();
    const listener = server.listen(7);
    const [a, b] = await clock.run(
      Promise.all([client.connect({ host: server.host, port: 7 }), listener.accept(1000)]),
    );
    await clock.run(a.send('one\ntwo\n'));
    expect(await clock.run(b.readLine(1000))).toBe('one');
    b.close(); // "two\n" is still unread
    await clock.run(a.waitForState('CLOSED', 1000));
    expect(flags('server').slice(-1)).toEqual(['R.']);
    expect(flags('server')).not.toContain('F.');
  });

  it('close() after reading everything sends FIN', async () => {
    const { clock, client, server, flags } = world();
    const listener = server.listen(7);
    const [a, b] = await clock.run(
      Promise.all([client.connect({ host: server.host, port: 7 }), listener.accept(1000)]),
    );
    await clock.run(a.send('one\n'));
    expect(await clock.run(b.readLine(1000))).toBe('one');
    b.close();
    await clock.run(a.waitForState('CLOSE_WAIT', 1000));
    expect(flags('server')).toContain('F.');
    expect(flags('server')).not.toContain('R.');
  });

  it('sends a write in exactly the requested segment sizes', async () => {
    const { clock, client, server, segments } = world();
    const listener = server.listen(9);
    const [a, b] = await clock.run(
      Promise.all([client.connect({ host: server.host, port: 9 }), listener.accept(1000)]),
    );
    await clock.run(a.send('abcdefghij', { segmentation: [3, 5, 2] }));
    expect(text(await clock.run(b.readExactly(10, 1000)))).toBe('abcdefghij');
    const sizes = segments
      .filter((s) => s.from === 'client' && s.tcp.payload.length > 0)
      .map((s) => s.tcp.payload.length);
    expect(sizes).toEqual([3, 5, 2]);
  });

  it('readExactly times out with a code and says what it awaited', async () => {
    const { clock, client, server } = world();
    const listener = server.listen(9);
    const [a, b] = await clock.run(
      Promise.all([client.connect({ host: server.host, port: 9 }), listener.accept(1000)]),
    );
    await clock.run(a.send('abc'));
    await expect(clock.run(b.readExactly(5, 250))).rejects.toMatchObject({
      code: 'peer/timeout',
      message: expect.stringMatching(/timed out after 250 ms waiting for 5 bytes \(have 3\)/),
    });
  });

  it('refused: a SYN answered with RST rejects connect with peer/refused', async () => {
    const { clock, client, server, flags } = world();
    server.refuse(80);
    await expect(clock.run(client.connect({ host: server.host, port: 80 }))).rejects.toMatchObject({
      code: 'peer/refused',
    });
    expect(flags()).toEqual(['S', 'R.']);
  });

  it('blackhole: SYNs are ignored and connect times out', async () => {
    const { clock, client, server, flags } = world();
    server.blackhole('all');
    await expect(
      clock.run(client.connect({ host: server.host, port: 80 }, { timeoutMs: 2500 })),
    ).rejects.toMatchObject({
      code: 'peer/timeout',
    });
    expect(flags('server')).toEqual([]);
    expect(flags('client').filter((f) => f === 'S').length).toBeGreaterThanOrEqual(2); // retransmitted
  });

  it('crash then reboot: the rebooted host answers the old connection with RST', async () => {
    const { clock, client, server, flags } = world();
    const listener = server.listen(7);
    const [a] = await clock.run(
      Promise.all([client.connect({ host: server.host, port: 7 }), listener.accept(1000)]),
    );
    server.crash();
    await clock.run(a.send('anyone?'));
    await clock.advance(1500); // retransmissions into the void
    expect(flags('server')).toEqual(['S.']);
    server.reboot();
    await expect(clock.run(a.readExactly(1, 60_000))).rejects.toMatchObject({ code: 'peer/reset' });
    expect(flags('server').slice(-1)).toEqual(['R']);
  });

  it('pauseReading closes the window; resumeReading opens it and the data flows', async () => {
    const { clock, client, server, segments } = world();
    const listener = server.listen(7);
    const [a, b] = await clock.run(
      Promise.all([client.connect({ host: server.host, port: 7 }), listener.accept(1000)]),
    );
    b.pauseReading();
    const big = new Uint8Array(200_000).fill(0x61);
    const sending = a.send(big, { timeoutMs: 120_000 });
    sending.catch(() => undefined);
    await clock.advance(3000);
    expect(segments.some((s) => s.from === 'server' && s.tcp.window === 0)).toBe(true);
    expect(b.available).toBe(0);
    b.resumeReading();
    const got = await clock.run(b.readExactly(big.length, 120_000));
    expect(got.length).toBe(big.length);
    await clock.run(sending);
  });
});
