import { seqAdd } from './seq';
import { bytes, Harness, REMOTE_ISS } from './test-harness';

const R = REMOTE_ISS + 1;

describe('retransmission (RFC 6298)', () => {
  it('retransmits the first unacknowledged segment with a doubling RTO, then aborts with reason timeout', () => {
    const h = new Harness({ maxRetransmissions: 3 });
    const { socket, iss } = h.acceptConnection();
    const resets: string[] = [];
    socket.on('reset', (r) => resets.push(r));
    h.now = 5000;
    socket.send(h.now, bytes(3000));
    h.take();
    const times: number[] = [];
    while (h.layer.pollAt() !== null) {
      h.advanceTo(h.layer.pollAt()!);
      for (const seg of h.take()) {
        expect(seg).toMatchObject({ seq: seqAdd(iss, 1) });
        expect(seg.payload.length).toBe(1460);
        times.push(h.now - 5000);
      }
    }
    // The handshake gave an RTT sample of 0 ms: RTO = max(minRto 200, 0 + max(G, 4·0)).
    expect(times).toEqual([200, 600, 1400]);
    expect(h.now - 5000).toBe(3000);
    expect(resets).toEqual(['timeout']);
    expect(h.transitions.at(-1)).toMatchObject({ to: 'CLOSED', cause: 'retransmission timeout' });
  });

  it('measures the RTT of new data and ignores ACKs of retransmitted data (Karn)', () => {
    const h = new Harness({ minRto: 1 });
    const { socket, iss } = h.acceptConnection();
    const internals = socket as unknown as { rtt: { smoothedRtt: number | null; rto: number } };
    h.now = 1000;
    socket.send(h.now, bytes(100));
    h.take();
    h.now = 1100;
    h.deliver({ seq: R, ack: seqAdd(iss, 101) });
    // Handshake sample 0 ms, then 100 ms: SRTT = 7/8·0 + 1/8·100.
    expect(internals.rtt.smoothedRtt).toBeCloseTo(12.5);
    const srttBefore = internals.rtt.smoothedRtt;
    socket.send(h.now, bytes(100));
    h.take();
    const rtoBefore = internals.rtt.rto;
    h.advanceBy(rtoBefore); // timeout: retransmission, RTO doubles
    expect(h.take()).toHaveLength(1);
    expect(internals.rtt.rto).toBe(rtoBefore * 2);
    h.advanceBy(5);
    h.deliver({ seq: R, ack: seqAdd(iss, 201) });
    expect(internals.rtt.smoothedRtt).toBe(srttBefore); // ambiguous sample discarded
    expect(internals.rtt.rto).toBe(rtoBefore * 2); // backed-off RTO kept until a valid sample
  });

  it('retransmits on the third duplicate ACK (RFC 5681 §3.2)', () => {
    const h = new Harness();
    const { socket, iss } = h.acceptConnection();
    socket.send(h.now, bytes(4 * 1460));
    h.take();
    for (let i = 0; i < 3; i++) h.deliver({ seq: R, ack: seqAdd(iss, 1461) });
    expect(h.take()).toEqual([]); // the first of these advanced SND.UNA: two duplicates so far
    h.deliver({ seq: R, ack: seqAdd(iss, 1461) });
    expect(h.takeOne()).toMatchObject({ seq: seqAdd(iss, 1461) });
  });

  it('after a timeout, retransmits the next segment on each partial ACK', () => {
    const h = new Harness();
    const { socket, iss } = h.acceptConnection();
    socket.send(h.now, bytes(3 * 1460));
    h.take();
    h.advanceTo(h.layer.pollAt()!);
    expect(h.takeOne().seq).toBe(seqAdd(iss, 1));
    h.deliver({ seq: R, ack: seqAdd(iss, 1461) });
    expect(h.takeOne().seq).toBe(seqAdd(iss, 1461));
    h.deliver({ seq: R, ack: seqAdd(iss, 3 * 1460 + 1) });
    expect(h.take()).toEqual([]);
    expect(h.layer.pollAt()).toBeNull();
  });

  it('retransmits a lost FIN', () => {
    const h = new Harness();
    const { socket, iss } = h.acceptConnection();
    socket.shutdownWrite(h.now);
    const fin = h.takeOne();
    expect(fin).toMatchObject({ seq: seqAdd(iss, 1), flags: { fin: true, ack: true } });
    h.advanceTo(h.layer.pollAt()!);
    expect(h.takeOne()).toEqual(fin);
  });
});

describe('zero window and persist timer (RFC 9293 §3.8.6.1)', () => {
  it('probes a zero window with one octet at growing intervals and resumes when it opens', () => {
    const h = new Harness({ persistMin: 500, persistMax: 4000 });
    const { socket, iss } = h.acceptConnection({ window: 0 });
    socket.send(h.now, bytes(3000));
    expect(h.take()).toEqual([]);
    const probes: Array<[number, number, number]> = [];
    for (let i = 0; i < 5; i++) {
      h.advanceTo(h.layer.pollAt()!);
      const probe = h.takeOne();
      probes.push([h.now, probe.seq, probe.payload.length]);
      h.deliver({ seq: R, ack: seqAdd(iss, 1), window: 0 }); // the peer's answer: still closed
    }
    expect(probes).toEqual([
      [500, seqAdd(iss, 1), 1],
      [1500, seqAdd(iss, 1), 1],
      [3500, seqAdd(iss, 1), 1],
      [7500, seqAdd(iss, 1), 1],
      [11500, seqAdd(iss, 1), 1],
    ]);
    expect(socket.state).toBe('ESTABLISHED');
    h.deliver({ seq: R, ack: seqAdd(iss, 1), window: 2000 });
    expect(h.take().map((s) => [s.seq, s.payload.length])).toEqual([
      [seqAdd(iss, 1), 1460],
      [seqAdd(iss, 1461), 540],
    ]);
  });

  it('accepts an ACK covering the probe octet', () => {
    const h = new Harness();
    const { socket, iss } = h.acceptConnection({ window: 0 });
    socket.send(h.now, bytes(10));
    h.advanceTo(h.layer.pollAt()!);
    h.take();
    h.deliver({ seq: R, ack: seqAdd(iss, 2), window: 100 });
    expect(h.take().map((s) => [s.seq, s.payload.length])).toEqual([[seqAdd(iss, 2), 9]]);
  });
});

describe('keepalive (RFC 9293 §3.8.4)', () => {
  const keepalive = { idle: 10000, interval: 1000, probes: 3 };

  it('probes with SEQ = SND.NXT-1 after idle time and aborts after unanswered probes with RST', () => {
    const h = new Harness({ keepalive });
    const { socket, iss } = h.acceptConnection();
    const resets: string[] = [];
    socket.on('reset', (r) => resets.push(r));
    const sent: Array<[number, string, number]> = [];
    while (h.layer.pollAt() !== null) {
      h.advanceTo(h.layer.pollAt()!);
      for (const s of h.take()) sent.push([h.now, s.flags.rst ? 'RST' : 'probe', s.seq]);
    }
    expect(sent).toEqual([
      [10000, 'probe', iss],
      [11000, 'probe', iss],
      [12000, 'probe', iss],
      [13000, 'RST', seqAdd(iss, 1)],
    ]);
    expect(resets).toEqual(['timeout']);
    expect(h.transitions.at(-1)?.cause).toBe('keepalive timeout');
  });

  it('an answered probe restarts the idle period', () => {
    const h = new Harness({ keepalive });
    const { socket, iss } = h.acceptConnection();
    h.advanceTo(10000);
    h.take();
    h.deliver({ seq: R, ack: seqAdd(iss, 1) });
    expect(h.layer.pollAt()).toBe(20000);
    expect(socket.state).toBe('ESTABLISHED');
  });

  it('answers a keepalive probe from the peer with an ACK', () => {
    const h = new Harness();
    const { iss } = h.acceptConnection();
    h.deliver({ seq: R - 1, ack: seqAdd(iss, 1) });
    expect(h.takeOne()).toMatchObject({ seq: seqAdd(iss, 1), ack: R });
  });
});
