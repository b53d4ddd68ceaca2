import { seqAdd } from './seq';
import { bytes, Harness, REMOTE_ISS } from './test-harness';

const R = REMOTE_ISS + 1;

function causes(h: Harness): string[] {
  return h.transitions.slice(3).map((t) => `${t.from}→${t.to} (${t.cause})`);
}

describe('FIN-WAIT-1 and FIN-WAIT-2', () => {
  it('active close: FIN after queued data, FIN-WAIT-2 on its ACK, TIME-WAIT on the peer FIN', () => {
    const h = new Harness();
    const { socket, iss } = h.acceptConnection();
    socket.send(h.now, bytes(100));
    h.take();
    socket.close(h.now);
    expect(h.takeOne()).toMatchObject({ seq: seqAdd(iss, 101), flags: { fin: true, ack: true } });
    expect(() => socket.send(h.now, bytes(1))).toThrow(
      expect.objectContaining({ code: 'tcp/write-after-shutdown' }),
    );
    h.deliver({ seq: R, ack: seqAdd(iss, 102) });
    expect(socket.state).toBe('FIN_WAIT_2');
    h.deliver({ seq: R, ack: seqAdd(iss, 102), flags: ['fin', 'ack'] });
    expect(h.takeOne()).toMatchObject({ seq: seqAdd(iss, 102), ack: R + 1 });
    expect(causes(h)).toEqual([
      'ESTABLISHED→FIN_WAIT_1 (close())',
      'FIN_WAIT_1→FIN_WAIT_2 (rcv ACK of FIN)',
      'FIN_WAIT_2→TIME_WAIT (rcv FIN)',
    ]);
  });

  it('piggybacks the FIN on the last data segment when both are pending', () => {
    const h = new Harness();
    const { socket, iss } = h.acceptConnection({ window: 0 });
    socket.send(h.now, bytes(10));
    socket.shutdownWrite(h.now);
    h.deliver({ seq: R, ack: seqAdd(iss, 1), window: 1000 });
    expect(h.takeOne()).toMatchObject({ seq: seqAdd(iss, 1), flags: { fin: true, psh: true } });
  });

  it('half-close: after shutdownWrite data still arrives and is delivered', () => {
    const h = new Harness();
    const { socket, iss } = h.acceptConnection();
    socket.shutdownWrite(h.now);
    h.take();
    h.deliver({ seq: R, ack: seqAdd(iss, 2) });
    h.deliver({ seq: R, ack: seqAdd(iss, 2), payload: bytes(50) });
    expect(h.takeOne().ack).toBe(R + 50);
    expect(socket.read(h.now)).toEqual(bytes(50));
    expect(socket.state).toBe('FIN_WAIT_2');
    expect(causes(h)[0]).toBe('ESTABLISHED→FIN_WAIT_1 (shutdown(SHUT_WR))');
  });

  it('answers data arriving after close() with RST, like Linux', () => {
    const h = new Harness();
    const { socket, iss } = h.acceptConnection();
    socket.close(h.now);
    h.take();
    h.deliver({ seq: R, ack: seqAdd(iss, 2), payload: bytes(10) });
    expect(h.takeOne()).toMatchObject({ seq: seqAdd(iss, 2), flags: { rst: true } });
    expect(socket.state).toBe('CLOSED');
  });

  it('FIN and ACK of our FIN in one segment: FIN-WAIT-1 → FIN-WAIT-2 → TIME-WAIT', () => {
    const h = new Harness();
    const { socket, iss } = h.acceptConnection();
    socket.close(h.now);
    h.take();
    h.deliver({ seq: R, ack: seqAdd(iss, 2), flags: ['fin', 'ack'] });
    expect(socket.state).toBe('TIME_WAIT');
    expect(h.takeOne()).toMatchObject({ ack: R + 1 });
  });
});

describe('CLOSING (simultaneous close)', () => {
  it('crossing FINs: FIN-WAIT-1 → CLOSING → TIME-WAIT', () => {
    const h = new Harness();
    const { socket, iss } = h.acceptConnection();
    socket.close(h.now);
    h.take();
    h.deliver({ seq: R, ack: seqAdd(iss, 1), flags: ['fin', 'ack'] });
    expect(h.takeOne()).toMatchObject({ seq: seqAdd(iss, 2), ack: R + 1, flags: { fin: false } });
    expect(socket.state).toBe('CLOSING');
    h.deliver({ seq: R + 1, ack: seqAdd(iss, 2) });
    expect(socket.state).toBe('TIME_WAIT');
    expect(causes(h)).toEqual([
      'ESTABLISHED→FIN_WAIT_1 (close())',
      'FIN_WAIT_1→CLOSING (rcv FIN)',
      'CLOSING→TIME_WAIT (rcv ACK of FIN)',
    ]);
  });
});

describe('CLOSE-WAIT and LAST-ACK', () => {
  it('passive close: CLOSE-WAIT on FIN with eof, sending still works, LAST-ACK → CLOSED', () => {
    const h = new Harness();
    const { socket, iss } = h.acceptConnection();
    let eof = 0;
    socket.on('eof', () => eof++);
    h.deliver({ seq: R, ack: seqAdd(iss, 1), flags: ['fin', 'ack'], payload: bytes(5) });
    expect(h.takeOne()).toMatchObject({ ack: R + 6 });
    expect(socket.state).toBe('CLOSE_WAIT');
    expect(socket.peerClosed).toBe(true);
    expect(eof).toBe(1);
    socket.send(h.now, bytes(20));
    expect(h.takeOne().payload.length).toBe(20);
    socket.read(h.now);
    socket.close(h.now);
    expect(h.takeOne()).toMatchObject({ seq: seqAdd(iss, 21), flags: { fin: true } });
    h.deliver({ seq: R + 6, ack: seqAdd(iss, 22) });
    expect(socket.state).toBe('CLOSED');
    expect(h.layer.sockets()).toEqual([]);
    expect(causes(h)).toEqual([
      'ESTABLISHED→CLOSE_WAIT (rcv FIN)',
      'CLOSE_WAIT→LAST_ACK (close())',
      'LAST_ACK→CLOSED (rcv ACK of FIN)',
    ]);
  });

  it('a FIN received out of order takes effect when the hole fills', () => {
    const h = new Harness();
    const { socket, iss } = h.acceptConnection();
    h.deliver({ seq: R + 10, ack: seqAdd(iss, 1), flags: ['fin', 'ack'], payload: bytes(10, 1) });
    expect(socket.state).toBe('ESTABLISHED');
    h.deliver({ seq: R, ack: seqAdd(iss, 1), payload: bytes(10) });
    expect(socket.state).toBe('CLOSE_WAIT');
    expect(h.take().at(-1)).toMatchObject({ ack: R + 21 });
  });
});

describe('the ACK of a FIN with delayed ACKs (RFC 9293 §3.8.6.3, RFC 1122 §4.2.3.2)', () => {
  it('ESTABLISHED: the ACK waits, so a close() on end-of-stream sends FIN+ACK in one segment', () => {
    const h = new Harness({ delayedAck: 200 });
    const { socket, iss } = h.acceptConnection();
    socket.on('eof', () => socket.close(h.now)); // as a script closing the moment it sees EOF
    h.deliver({ seq: R, ack: seqAdd(iss, 1), flags: ['fin', 'ack'] });
    expect(h.takeOne()).toMatchObject({ seq: seqAdd(iss, 1), ack: R + 1, flags: { fin: true, ack: true } });
    expect(causes(h)).toEqual(['ESTABLISHED→CLOSE_WAIT (rcv FIN)', 'CLOSE_WAIT→LAST_ACK (close())']);
    h.deliver({ seq: R + 1, ack: seqAdd(iss, 2) });
    expect(socket.state).toBe('CLOSED');
    expect(h.take()).toEqual([]); // the FIN+ACK was the only ACK of the FIN
  });

  it('ESTABLISHED: with nobody closing, the bare ACK leaves when the delayed-ACK timer fires', () => {
    const h = new Harness({ delayedAck: 200 });
    const { socket, iss } = h.acceptConnection();
    h.now = 5;
    h.deliver({ seq: R, ack: seqAdd(iss, 1), flags: ['fin', 'ack'] });
    expect(socket.state).toBe('CLOSE_WAIT');
    expect(h.take()).toEqual([]);
    h.advanceTo(204);
    expect(h.take()).toEqual([]);
    h.advanceTo(205);
    expect(h.takeOne()).toMatchObject({ seq: seqAdd(iss, 1), ack: R + 1, flags: { fin: false, ack: true } });
  });

  it('FIN-WAIT-2: the FIN is acknowledged at once, nothing of ours could carry the ACK', () => {
    const h = new Harness({ delayedAck: 200 });
    const { socket, iss } = h.acceptConnection();
    socket.shutdownWrite(h.now);
    h.take();
    h.deliver({ seq: R, ack: seqAdd(iss, 2) });
    h.deliver({ seq: R, ack: seqAdd(iss, 2), flags: ['fin', 'ack'] });
    expect(socket.state).toBe('TIME_WAIT');
    expect(h.takeOne()).toMatchObject({ ack: R + 1 });
  });

  it('FIN-WAIT-1: crossing FINs, the FIN is acknowledged at once', () => {
    const h = new Harness({ delayedAck: 200 });
    const { socket, iss } = h.acceptConnection();
    socket.close(h.now);
    h.take();
    h.deliver({ seq: R, ack: seqAdd(iss, 1), flags: ['fin', 'ack'] });
    expect(socket.state).toBe('CLOSING');
    expect(h.takeOne()).toMatchObject({ seq: seqAdd(iss, 2), ack: R + 1 });
  });
});

describe('TIME-WAIT', () => {
  it('re-ACKs a retransmitted FIN, restarts 2MSL, and closes 60 s after the last FIN', () => {
    const h = new Harness();
    const { socket, iss } = h.acceptConnection();
    socket.close(h.now);
    h.take();
    h.deliver({ seq: R, ack: seqAdd(iss, 2), flags: ['fin', 'ack'] });
    const ack = h.takeOne();
    expect(h.layer.pollAt()).toBe(60000);
    h.advanceTo(30000);
    h.deliver({ seq: R, ack: seqAdd(iss, 2), flags: ['fin', 'ack'] });
    expect(h.takeOne()).toEqual(ack);
    expect(h.layer.pollAt()).toBe(90000);
    h.advanceTo(89999);
    expect(socket.state).toBe('TIME_WAIT');
    h.advanceTo(90000);
    expect(socket.state).toBe('CLOSED');
    expect(h.transitions.at(-1)).toMatchObject({
      from: 'TIME_WAIT',
      to: 'CLOSED',
      cause: '2MSL timeout',
      t: 90000,
    });
    h.deliver({ seq: R + 1, ack: seqAdd(iss, 2) });
    expect(h.takeOne()).toMatchObject({ flags: { rst: true } }); // the port is closed now
  });
});

describe('close() and abort()', () => {
  it('close() with unread data sends RST instead of FIN (RFC 2525 §2.17)', () => {
    const h = new Harness();
    const { socket, iss } = h.acceptConnection();
    const resets: string[] = [];
    socket.on('reset', (r) => resets.push(r));
    h.deliver({ seq: R, ack: seqAdd(iss, 1), payload: bytes(10) });
    h.take();
    socket.close(h.now);
    expect(h.takeOne()).toMatchObject({
      seq: seqAdd(iss, 1),
      ack: R + 10,
      flags: { rst: true, ack: true, fin: false },
    });
    expect(socket.state).toBe('CLOSED');
    expect(h.transitions.at(-1)?.cause).toBe('close() with unread data');
    expect(resets).toEqual(['aborted']);
  });

  it('abort() sends RST,ACK at SND.NXT and forgets the connection', () => {
    const h = new Harness();
    const { socket, iss } = h.acceptConnection();
    socket.abort(h.now);
    expect(h.takeOne()).toMatchObject({ seq: seqAdd(iss, 1), flags: { rst: true, ack: true } });
    expect(h.layer.sockets()).toEqual([]);
    expect(h.layer.pollAt()).toBeNull();
  });

  it('close() in SYN-SENT deletes the connection silently', () => {
    const h = new Harness();
    const socket = h.layer.connect(0, { addr: 0x0a000002, port: 40000 });
    h.take();
    socket.close(0);
    expect(h.take()).toEqual([]);
    expect(socket.state).toBe('CLOSED');
  });

  it('forgetAll(): old connections get RST for their next segment', () => {
    const h = new Harness();
    const { iss } = h.acceptConnection();
    h.layer.forgetAll();
    expect(h.transitions.at(-1)?.cause).toBe('host crash (forgetAll)');
    expect(h.take()).toEqual([]);
    h.deliver({ seq: R, ack: seqAdd(iss, 1), payload: bytes(10) });
    expect(h.takeOne()).toMatchObject({ seq: seqAdd(iss, 1), flags: { rst: true, ack: false } });
  });
});
