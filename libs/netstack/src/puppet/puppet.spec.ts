/** Puppet scripts against a host running the real TCP layer (standing in for the learner's kernel). */
import { VirtualClock } from '../clock/virtual-clock';
import { Host } from '../iface/host';
import { Link } from '../iface/link';
import { ScriptedPeer } from '../peer/peer';
import { parseIpv4 } from '../wire/ip-types';
import { Puppet } from './puppet';

function world() {
  const clock = new VirtualClock();
  const link = new Link();
  clock.add(link);
  const [dut, bench] = [1, 2].map((i) => {
    const host = new Host({
      mac: Uint8Array.of(2, 0, 0, 0, 0, i),
      addr: parseIpv4(`10.0.0.${i}`),
      tcpConfig: { isn: { kind: 'seeded', seed: i }, delayedAck: 0 },
    });
    link.attach(host);
    clock.add(host);
    return host;
  });
  return { clock, dut: new ScriptedPeer(dut, clock), bench };
}

describe('Puppet mode', () => {
  it('plays the server side of a handshake, data exchange and close with relative numbers', async () => {
    const { clock, dut, bench } = world();
    const puppet = new Puppet(bench, clock, { localPort: 8080, iss: 1_000_000 });
    const connecting = dut.connect({ host: bench, port: 8080 });

    const syn = await clock.run(puppet.expect({ flags: 'S', seq: 0 }, { within: 100 }));
    expect(syn.tcp.options.mss).toBe(1460);
    expect(puppet.irs).toBe(syn.tcp.seq);
    puppet.inject({ flags: 'S.', seq: 0, ack: 1, win: 29200, options: { mss: 1000 } });
    await clock.run(puppet.expect({ flags: '.', seq: 1, ack: 1 }, { within: 100 }));
    const conn = await clock.run(connecting);

    await clock.run(conn.send('hi'));
    await clock.run(puppet.expect({ flags: 'P.', seq: 1, ack: 1, payload: 'hi' }, { within: 100 }));
    puppet.inject({ flags: 'P.', seq: 1, ack: 3, payload: 'yo\n' });
    expect(await clock.run(conn.readLine(100))).toBe('yo');
    await clock.run(puppet.expect({ flags: '.', ack: 4 }, { within: 100 }));

    puppet.inject({ flags: 'F.', seq: 4, ack: 3 });
    await clock.run(puppet.expect({ flags: '.', seq: 3, ack: 5 }, { within: 100 }));
    expect(conn.state).toBe('CLOSE_WAIT');
  });

  it('plays the client side: the remote ISN is learnt from the SYN-ACK', async () => {
    const { clock, dut, bench } = world();
    const listener = dut.listen(7);
    const puppet = new Puppet(bench, clock, { localPort: 40000, remote: { addr: dut.host.addr, port: 7 } });
    puppet.inject({ flags: 'S', seq: 0, options: { mss: 536 } });
    const synAck = await clock.run(puppet.expect({ flags: 'S.', ack: 1 }, { within: 100 }));
    expect(synAck.seq).toBe(0);
    puppet.inject({ flags: '.', seq: 1, ack: 1 });
    const conn = await clock.run(listener.accept(100));
    expect(conn.state).toBe('ESTABLISHED');

    puppet.inject({ flags: 'R', seq: 1 });
    await clock.advance(1);
    expect(conn.state).toBe('CLOSED');
  });

  it('times out with a message showing what arrived instead', async () => {
    const { clock, dut, bench } = world();
    const puppet = new Puppet(bench, clock, { localPort: 8080 });
    void dut.connect({ host: bench, port: 8080 }, { timeoutMs: 60_000 }).catch(() => undefined);
    await expect(clock.run(puppet.expect({ flags: 'S.' }, { within: 50 }))).rejects.toMatchObject({
      code: 'puppet/timeout',
      message: expect.stringMatching(
        /a segment with flags S\. on 10\.0\.0\.2:8080 ↔ 10\.0\.0\.1:\d+; saw instead: S seq 0 win \d+ len 0/,
      ),
    });
  });

  it('refuses an ack relative to an ISN it has not seen', () => {
    const { clock, bench } = world();
    const puppet = new Puppet(bench, clock, {
      localPort: 1,
      remote: { addr: parseIpv4('10.0.0.1'), port: 2 },
    });
    expect(() => puppet.inject({ flags: '.', ack: 1 })).toThrow(
      expect.objectContaining({ code: 'puppet/unknown-isn' }),
    );
    expect(() => puppet.inject({ flags: 'SX' })).toThrow(
      expect.objectContaining({ code: 'puppet/invalid-flags' }),
    );
  });

  it('expectNothing passes on silence and fails on a segment', async () => {
    const { clock, dut, bench } = world();
    const puppet = new Puppet(bench, clock, { localPort: 8080 });
    await clock.run(puppet.expectNothing({ within: 100 }));
    void dut.connect({ host: bench, port: 8080 }, { timeoutMs: 60_000 }).catch(() => undefined);
    await expect(clock.run(puppet.expectNothing({ within: 100 }))).rejects.toMatchObject({
      code: 'puppet/unexpected',
    });
  });
});
