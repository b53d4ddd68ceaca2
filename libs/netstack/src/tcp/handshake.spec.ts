import { seqAdd } from './seq';
import { flagString, Harness, LOCAL_PORT, REMOTE_ISS, REMOTE_PORT } from './test-harness';

describe('CLOSED (no socket on the port)', () => {
  it('answers a SYN with RST,ACK acknowledging it (RFC 9293 §3.10.7.1)', () => {
    const h = new Harness();
    h.deliver({ seq: 5000, flags: ['syn'] });
    const rst = h.takeOne();
    expect(flagString(rst)).toBe('RST,ACK');
    expect(rst).toMatchObject({ seq: 0, ack: 5001, window: 0, srcPort: LOCAL_PORT, dstPort: REMOTE_PORT });
    expect(h.lastDrop).toBe('no connection (RST sent)');
  });

  it('answers a segment with ACK by RST with SEQ = SEG.ACK and no ACK', () => {
    const h = new Harness();
    h.deliver({ seq: 5000, ack: 777, payload: new Uint8Array(10) });
    const rst = h.takeOne();
    expect(flagString(rst)).toBe('RST');
    expect(rst.seq).toBe(777);
  });

  it('counts data and FIN in the ACK of its RST', () => {
    const h = new Harness();
    h.deliver({ seq: 5000, flags: ['fin'], payload: new Uint8Array(10) });
    expect(h.takeOne().ack).toBe(5011);
  });

  it('never answers a RST', () => {
    const h = new Harness();
    h.deliver({ seq: 5000, flags: ['rst'] });
    expect(h.take()).toEqual([]);
  });

  it("refuses or ignores SYNs by policy ('refuse' → RST,ACK with ack = SEG.SEQ+1, 'drop' → silence)", () => {
    const h = new Harness();
    h.listen();
    h.layer.setSynPolicy(LOCAL_PORT, 'refuse');
    h.deliver({ seq: 9, flags: ['syn'] });
    expect(h.takeOne()).toMatchObject({ seq: 0, ack: 10, flags: { rst: true, ack: true } });
    h.layer.setSynPolicy('all', 'drop');
    h.deliver({ seq: 9, flags: ['syn'] });
    expect(h.take()).toEqual([]);
    expect(h.lastDrop).toBe('SYN dropped by policy');
    h.layer.setSynPolicy('all', 'accept');
    h.deliver({ seq: 9, flags: ['syn'] });
    expect(flagString(h.takeOne())).toBe('SYN,ACK');
  });
});

describe('LISTEN', () => {
  it('answers a SYN with SYN,ACK carrying our MSS and an unscaled window', () => {
    const h = new Harness({ windowScale: 7, receiveBufferSize: 1 << 20 });
    h.listen();
    h.deliver({ seq: REMOTE_ISS, flags: ['syn'], options: { mss: 1000, windowScale: 2 } });
    const synAck = h.takeOne();
    expect(flagString(synAck)).toBe('SYN,ACK');
    expect(synAck.ack).toBe(REMOTE_ISS + 1);
    expect(synAck.window).toBe(65535);
    expect(synAck.options).toEqual({ mss: 1460, windowScale: 7 });
    expect(h.transitions.map((t) => `${t.from}→${t.to} (${t.cause})`)).toEqual([
      'CLOSED→LISTEN (listen())',
      'LISTEN→SYN_RECEIVED (rcv SYN)',
    ]);
  });

  it('does not offer window scaling when the SYN did not (RFC 7323 §2.2)', () => {
    const h = new Harness({ windowScale: 7 });
    h.listen();
    h.deliver({ seq: REMOTE_ISS, flags: ['syn'], options: { mss: 1460 } });
    expect(h.takeOne().options).toEqual({ mss: 1460 });
  });

  it('ignores RST and answers a bare ACK with RST <SEQ=SEG.ACK>', () => {
    const h = new Harness();
    h.listen();
    h.deliver({ seq: 1, flags: ['rst'] });
    expect(h.take()).toEqual([]);
    expect(h.lastDrop).toBe('RST in LISTEN');
    h.deliver({ seq: 1, ack: 4242 });
    expect(h.takeOne()).toMatchObject({ seq: 4242, flags: { rst: true, ack: false } });
  });

  it('completes the handshake and queues the connection for accept()', () => {
    const h = new Harness();
    const listener = h.listen();
    let announced = 0;
    listener.onConnection(() => announced++);
    h.deliver({ seq: REMOTE_ISS, flags: ['syn'] });
    const synAck = h.takeOne();
    expect(listener.pending).toBe(0);
    h.deliver({ seq: REMOTE_ISS + 1, ack: seqAdd(synAck.seq, 1) });
    expect(h.take()).toEqual([]);
    expect(listener.pending).toBe(1);
    expect(announced).toBe(1);
    const socket = listener.accept()!;
    expect(socket.state).toBe('ESTABLISHED');
    expect(socket.iss).toBe(synAck.seq);
    expect(socket.irs).toBe(REMOTE_ISS);
    expect(listener.accept()).toBeNull();
  });

  it('drops SYNs while the accept queue is full, like Linux (backlog + 1 connections wait)', () => {
    const h = new Harness();
    const listener = h.listen(1);
    for (let i = 0; i < 3; i++) {
      const port = 50000 + i;
      h.deliver({ seq: REMOTE_ISS, flags: ['syn'], srcPort: port });
      const synAck = h.take();
      if (i < 2) {
        expect(synAck).toHaveLength(1);
        h.deliver({ seq: REMOTE_ISS + 1, ack: seqAdd(synAck[0]!.seq, 1), srcPort: port });
      } else {
        expect(synAck).toEqual([]);
        expect(h.lastDrop).toBe('accept queue full');
      }
    }
    expect(listener.pending).toBe(2);
    listener.accept();
    h.deliver({ seq: REMOTE_ISS, flags: ['syn'], srcPort: 50009 });
    expect(flagString(h.takeOne())).toBe('SYN,ACK');
  });

  it('drops the final ACK while the accept queue is full and completes after a SYN,ACK retransmission', () => {
    const h = new Harness();
    const listener = h.listen(0);
    h.deliver({ seq: REMOTE_ISS, flags: ['syn'], srcPort: 50001 });
    const first = h.takeOne();
    h.deliver({ seq: REMOTE_ISS, flags: ['syn'], srcPort: 50002 });
    const second = h.takeOne();
    h.deliver({ seq: REMOTE_ISS + 1, ack: seqAdd(first.seq, 1), srcPort: 50001 });
    h.deliver({ seq: REMOTE_ISS + 1, ack: seqAdd(second.seq, 1), srcPort: 50002 });
    expect(h.lastDrop).toBe('accept queue full');
    expect(listener.pending).toBe(1);
    listener.accept();
    h.advanceBy(1000); // SYN,ACK retransmission of the waiting connection
    const again = h.takeOne();
    expect(again).toMatchObject({ seq: second.seq, dstPort: 50002, flags: { syn: true, ack: true } });
    h.deliver({ seq: REMOTE_ISS + 1, ack: seqAdd(second.seq, 1), srcPort: 50002 });
    expect(listener.pending).toBe(1);
  });

  it('closing the listener resets queued connections', () => {
    const h = new Harness();
    const listener = h.listen();
    h.deliver({ seq: REMOTE_ISS, flags: ['syn'] });
    const synAck = h.takeOne();
    h.deliver({ seq: REMOTE_ISS + 1, ack: seqAdd(synAck.seq, 1) });
    listener.close(h.now);
    expect(h.takeOne()).toMatchObject({ seq: seqAdd(synAck.seq, 1), flags: { rst: true, ack: true } });
    h.deliver({ seq: REMOTE_ISS, flags: ['syn'] });
    expect(flagString(h.takeOne())).toBe('RST,ACK');
  });
});

describe('SYN-RECEIVED', () => {
  it('returns to LISTEN on a RST at RCV.NXT (passive open)', () => {
    const h = new Harness();
    const listener = h.listen();
    h.deliver({ seq: REMOTE_ISS, flags: ['syn'] });
    h.take();
    h.deliver({ seq: REMOTE_ISS + 1, flags: ['rst'] });
    expect(h.transitions.at(-1)).toMatchObject({ from: 'SYN_RECEIVED', to: 'LISTEN', cause: 'rcv RST' });
    expect(h.layer.sockets()).toEqual([]);
    expect(h.layer.pollAt()).toBeNull();
    expect(listener.pending).toBe(0);
  });

  it('repeats the SYN,ACK when the SYN is retransmitted', () => {
    const h = new Harness();
    h.listen();
    h.deliver({ seq: REMOTE_ISS, flags: ['syn'] });
    const synAck = h.takeOne();
    h.deliver({ seq: REMOTE_ISS, flags: ['syn'] });
    expect(h.takeOne()).toEqual(synAck);
  });

  it('answers an ACK that does not acknowledge our SYN with RST <SEQ=SEG.ACK>', () => {
    const h = new Harness();
    h.listen();
    h.deliver({ seq: REMOTE_ISS, flags: ['syn'] });
    const synAck = h.takeOne();
    h.deliver({ seq: REMOTE_ISS + 1, ack: seqAdd(synAck.seq, 5) });
    expect(h.takeOne()).toMatchObject({ seq: seqAdd(synAck.seq, 5), flags: { rst: true } });
  });

  it('retransmits the SYN,ACK with exponential backoff and gives up after maxRetransmissions', () => {
    const h = new Harness({ maxRetransmissions: 2 });
    h.listen();
    h.deliver({ seq: REMOTE_ISS, flags: ['syn'] });
    h.take();
    const times: number[] = [];
    h.layer.listen(0, 81); // unrelated listener must not disturb timers
    for (let t = 0; t <= 10000; t += 100) {
      h.advanceTo(t);
      if (h.take().length > 0) times.push(t);
    }
    expect(times).toEqual([1000, 3000]);
    expect(h.transitions.at(-1)).toMatchObject({
      from: 'SYN_RECEIVED',
      to: 'CLOSED',
      cause: 'retransmission timeout',
    });
  });
});

describe('SYN-SENT', () => {
  it('sends SYN with MSS and window scale, then ESTABLISHED on SYN,ACK with an ACK', () => {
    const h = new Harness({ windowScale: 3 });
    const socket = h.layer.connect(0, { addr: 0x0a000002, port: REMOTE_PORT }, { localPort: LOCAL_PORT });
    const syn = h.takeOne();
    expect(flagString(syn)).toBe('SYN');
    expect(syn.options).toEqual({ mss: 1460, windowScale: 3 });
    expect(syn.seq).toBe(socket.iss);
    expect(socket.state).toBe('SYN_SENT');
    h.deliver({ seq: REMOTE_ISS, ack: seqAdd(syn.seq, 1), flags: ['syn', 'ack'], options: { mss: 536 } });
    const ack = h.takeOne();
    expect(ack).toMatchObject({
      seq: seqAdd(syn.seq, 1),
      ack: REMOTE_ISS + 1,
      flags: { ack: true, syn: false },
    });
    expect(socket.state).toBe('ESTABLISHED');
    expect(h.transitions.map((t) => t.cause)).toEqual(['connect()', 'rcv SYN,ACK']);
  });

  it('uses 536 as the send MSS when the SYN,ACK has no MSS option (RFC 9293 §3.7.1)', () => {
    const h = new Harness();
    const { socket } = h.openConnection({ synAckOptions: {} });
    socket.send(h.now, new Uint8Array(2000));
    expect(h.take().map((s) => s.payload.length)).toEqual([536, 536, 536, 392]);
  });

  it('answers a SYN,ACK with a bad ACK by RST and stays in SYN-SENT', () => {
    const h = new Harness();
    const socket = h.layer.connect(0, { addr: 0x0a000002, port: REMOTE_PORT }, { localPort: LOCAL_PORT });
    const syn = h.takeOne();
    h.deliver({ seq: REMOTE_ISS, ack: seqAdd(syn.seq, 7), flags: ['syn', 'ack'] });
    expect(h.takeOne()).toMatchObject({ seq: seqAdd(syn.seq, 7), flags: { rst: true, ack: false } });
    expect(socket.state).toBe('SYN_SENT');
  });

  it('reports connection refused on RST,ACK acknowledging the SYN', () => {
    const h = new Harness();
    const socket = h.layer.connect(0, { addr: 0x0a000002, port: REMOTE_PORT }, { localPort: LOCAL_PORT });
    const resets: string[] = [];
    socket.on('reset', (reason) => resets.push(reason));
    const syn = h.takeOne();
    h.deliver({ seq: 0, ack: seqAdd(syn.seq, 1), flags: ['rst', 'ack'] });
    expect(socket.state).toBe('CLOSED');
    expect(resets).toEqual(['rst-received']);
    expect(() => socket.send(h.now, new Uint8Array(1))).toThrow(
      expect.objectContaining({ code: 'tcp/connection-reset' }),
    );
  });

  it('ignores a RST without ACK', () => {
    const h = new Harness();
    const socket = h.layer.connect(0, { addr: 0x0a000002, port: REMOTE_PORT }, { localPort: LOCAL_PORT });
    h.take();
    h.deliver({ seq: 0, flags: ['rst'] });
    expect(socket.state).toBe('SYN_SENT');
  });

  it('simultaneous open: SYN → SYN-RECEIVED with SYN,ACK at ISS, then SYN,ACK → ESTABLISHED (RFC 9293 Figure 8)', () => {
    const h = new Harness();
    const socket = h.layer.connect(0, { addr: 0x0a000002, port: REMOTE_PORT }, { localPort: LOCAL_PORT });
    const syn = h.takeOne();
    h.deliver({ seq: REMOTE_ISS, flags: ['syn'] });
    const synAck = h.takeOne();
    expect(synAck).toMatchObject({ seq: syn.seq, ack: REMOTE_ISS + 1, flags: { syn: true, ack: true } });
    expect(socket.state).toBe('SYN_RECEIVED');
    h.deliver({ seq: REMOTE_ISS, ack: seqAdd(syn.seq, 1), flags: ['syn', 'ack'] });
    expect(socket.state).toBe('ESTABLISHED');
    expect(h.take()).toEqual([]);
    expect(h.transitions.map((t) => t.to)).toEqual(['SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED']);
  });

  it('retransmits the SYN at 1 s, 3 s, 7 s … and reports a timeout', () => {
    const h = new Harness({ maxRetransmissions: 3 });
    const socket = h.layer.connect(0, { addr: 0x0a000002, port: REMOTE_PORT });
    const resets: string[] = [];
    socket.on('reset', (reason) => resets.push(reason));
    const syn = h.takeOne();
    const times: number[] = [];
    while (h.layer.pollAt() !== null) {
      h.advanceTo(h.layer.pollAt()!);
      for (const seg of h.take()) {
        expect(seg).toEqual(syn);
        times.push(h.now);
      }
    }
    expect(times).toEqual([1000, 3000, 7000]);
    expect(h.now).toBe(15000);
    expect(resets).toEqual(['timeout']);
  });
});
