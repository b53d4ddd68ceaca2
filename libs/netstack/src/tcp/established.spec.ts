import { seqAdd } from './seq';
import { bytes, flagString, Harness, REMOTE_ISS } from './test-harness';

const R = REMOTE_ISS + 1; // the remote's first data sequence number

describe('ESTABLISHED: sending', () => {
  it('cuts data at the MSS, sets PSH on the last segment and retransmits nothing once ACKed', () => {
    const h = new Harness();
    const { socket, iss } = h.acceptConnection({ synOptions: { mss: 1000 } });
    expect(socket.send(h.now, bytes(2500))).toBe(2500);
    const out = h.take();
    expect(out.map((s) => [s.seq, s.payload.length, flagString(s)])).toEqual([
      [seqAdd(iss, 1), 1000, 'ACK'],
      [seqAdd(iss, 1001), 1000, 'ACK'],
      [seqAdd(iss, 2001), 500, 'PSH,ACK'],
    ]);
    expect(out[0]!.payload).toEqual(bytes(2500).subarray(0, 1000));
    h.deliver({ seq: R, ack: seqAdd(iss, 2501) });
    expect(h.layer.pollAt()).toBeNull();
  });

  it('honours explicit segmentation: fixed sizes and exact size lists, never coalesced', () => {
    const h = new Harness();
    const { socket } = h.acceptConnection();
    socket.send(h.now, bytes(10), { segmentation: 4 });
    socket.send(h.now, bytes(6), { segmentation: [1, 2, 3], push: false });
    expect(h.take().map((s) => [s.payload.length, s.flags.psh])).toEqual([
      [4, false],
      [4, false],
      [2, true],
      [1, false],
      [2, false],
      [3, false],
    ]);
    expect(() => socket.send(h.now, bytes(5), { segmentation: [2, 2] })).toThrow(
      expect.objectContaining({ code: 'tcp/invalid-argument' }),
    );
  });

  it('sends no more than the peer window and resumes when the window slides', () => {
    const h = new Harness();
    const { socket, iss } = h.acceptConnection({ window: 3000 });
    socket.send(h.now, bytes(5000));
    expect(h.take().map((s) => s.payload.length)).toEqual([1460, 1460, 80]);
    h.deliver({ seq: R, ack: seqAdd(iss, 1461), window: 3000 });
    expect(h.take().map((s) => [s.seq, s.payload.length])).toEqual([[seqAdd(iss, 3001), 1460]]);
  });

  it('scales the peer window when both SYNs carried the option (RFC 7323)', () => {
    const h = new Harness({ windowScale: 2 });
    const { socket } = h.acceptConnection({ synOptions: { mss: 1460, windowScale: 4 }, window: 100 });
    // The window of the final handshake ACK (100) is scaled: 1600 octets.
    socket.send(h.now, bytes(5000));
    expect(h.take().map((s) => s.payload.length)).toEqual([1460, 140]);
  });

  it('limits the send buffer and fires writable when data is acknowledged', () => {
    const h = new Harness({ sendBufferSize: 3000 });
    const { socket, iss } = h.acceptConnection();
    let writable = 0;
    socket.on('writable', () => writable++);
    expect(socket.send(h.now, bytes(5000))).toBe(3000);
    expect(socket.send(h.now, bytes(10))).toBe(0);
    h.take();
    h.deliver({ seq: R, ack: seqAdd(iss, 1461) });
    expect(writable).toBe(1);
    expect(socket.send(h.now, bytes(5000))).toBe(1460);
  });
});

describe('ESTABLISHED: receiving', () => {
  it('delivers in-order data, ACKs it and emits data', () => {
    const h = new Harness();
    const { socket, iss } = h.acceptConnection();
    let dataEvents = 0;
    socket.on('data', () => dataEvents++);
    h.deliver({ seq: R, ack: seqAdd(iss, 1), payload: bytes(100) });
    expect(h.takeOne()).toMatchObject({ seq: seqAdd(iss, 1), ack: R + 100, window: 65435 });
    expect(dataEvents).toBe(1);
    expect(socket.read(h.now)).toEqual(bytes(100));
  });

  it('delays the ACK of one segment and ACKs every second full-sized segment at once (§3.8.6.3)', () => {
    const h = new Harness({ delayedAck: 40 });
    const { iss } = h.acceptConnection();
    h.deliver({ seq: R, ack: seqAdd(iss, 1), payload: bytes(1460) });
    expect(h.take()).toEqual([]);
    expect(h.layer.pollAt()).toBe(40);
    h.now = 10;
    h.deliver({ seq: R + 1460, ack: seqAdd(iss, 1), payload: bytes(1460) });
    expect(h.takeOne().ack).toBe(R + 2920);
    expect(h.layer.pollAt()).toBeNull();
    h.deliver({ seq: R + 2920, ack: seqAdd(iss, 1), payload: bytes(10) });
    expect(h.take()).toEqual([]);
    h.advanceTo(50);
    expect(h.takeOne().ack).toBe(R + 2930);
  });

  it('buffers out-of-order data, sends an immediate duplicate ACK, and ACKs the whole once the hole fills', () => {
    const h = new Harness({ delayedAck: 40 });
    const { socket, iss } = h.acceptConnection();
    h.deliver({ seq: R + 100, ack: seqAdd(iss, 1), payload: bytes(100, 1) });
    expect(h.takeOne().ack).toBe(R);
    h.deliver({ seq: R, ack: seqAdd(iss, 1), payload: bytes(100, 0) });
    expect(h.takeOne().ack).toBe(R + 200);
    const got = socket.read(h.now);
    expect(got.subarray(0, 100)).toEqual(bytes(100, 0));
    expect(got.subarray(100)).toEqual(bytes(100, 1));
  });

  it('trims duplicate octets and ACKs a fully duplicate segment at once', () => {
    const h = new Harness({ delayedAck: 40 });
    const { socket, iss } = h.acceptConnection();
    h.deliver({ seq: R, ack: seqAdd(iss, 1), payload: bytes(100) });
    h.deliver({ seq: R + 50, ack: seqAdd(iss, 1), payload: bytes(100).subarray(50) });
    expect(h.takeOne().ack).toBe(R + 100);
    expect(socket.readableBytes).toBe(100);
  });

  it('closes the window as the buffer fills and reopens it after a read, avoiding silly windows', () => {
    const h = new Harness({ receiveBufferSize: 4000, mss: 1000 });
    const { socket, iss } = h.acceptConnection();
    h.deliver({ seq: R, ack: seqAdd(iss, 1), payload: bytes(4000) });
    expect(h.takeOne()).toMatchObject({ ack: R + 4000, window: 0 });
    socket.read(h.now, 500); // less than min(buffer/2, MSS): no window update
    expect(h.take()).toEqual([]);
    socket.read(h.now, 600);
    expect(h.takeOne()).toMatchObject({ ack: R + 4000, window: 1100 });
  });

  it('pauseReading stops reads and data events; resumeReading emits data', () => {
    const h = new Harness();
    const { socket, iss } = h.acceptConnection();
    const events: string[] = [];
    socket.on('data', () => events.push('data'));
    socket.pauseReading();
    h.deliver({ seq: R, ack: seqAdd(iss, 1), payload: bytes(10) });
    expect(events).toEqual([]);
    expect(socket.read(h.now)).toHaveLength(0);
    socket.resumeReading(h.now);
    expect(events).toEqual(['data']);
    expect(socket.read(h.now)).toHaveLength(10);
  });
});

describe('ESTABLISHED: validation (RFC 9293 §3.10.7.4, RFC 5961)', () => {
  it('answers an out-of-window segment with an ACK and drops it', () => {
    const h = new Harness();
    const { socket, iss } = h.acceptConnection();
    h.deliver({ seq: R + 100000, ack: seqAdd(iss, 1), payload: bytes(10) });
    expect(h.takeOne()).toMatchObject({ seq: seqAdd(iss, 1), ack: R, flags: { ack: true } });
    expect(h.lastDrop).toBe('unacceptable segment (ACK sent)');
    expect(socket.readableBytes).toBe(0);
  });

  it('resets on a RST exactly at RCV.NXT', () => {
    const h = new Harness();
    const { socket } = h.acceptConnection();
    const resets: string[] = [];
    socket.on('reset', (r) => resets.push(r));
    h.deliver({ seq: R, flags: ['rst'] });
    expect(socket.state).toBe('CLOSED');
    expect(resets).toEqual(['rst-received']);
    expect(h.take()).toEqual([]);
  });

  it('sends a challenge ACK for a RST in the window but not at RCV.NXT (RFC 5961 §3.2)', () => {
    const h = new Harness();
    const { socket, iss } = h.acceptConnection();
    h.deliver({ seq: R + 10, flags: ['rst'] });
    expect(h.takeOne()).toMatchObject({ seq: seqAdd(iss, 1), ack: R, flags: { ack: true, rst: false } });
    expect(socket.state).toBe('ESTABLISHED');
    h.deliver({ seq: R + 1000000, flags: ['rst'] });
    expect(h.take()).toEqual([]);
    expect(h.lastDrop).toBe('RST outside the receive window');
  });

  it('sends a challenge ACK for a SYN in the window (RFC 5961 §4)', () => {
    const h = new Harness();
    const { socket, iss } = h.acceptConnection();
    h.deliver({ seq: R + 5, flags: ['syn'] });
    expect(h.takeOne()).toMatchObject({ seq: seqAdd(iss, 1), ack: R, flags: { ack: true, syn: false } });
    expect(socket.state).toBe('ESTABLISHED');
  });

  it('ACKs and drops a segment acknowledging data never sent', () => {
    const h = new Harness();
    const { iss } = h.acceptConnection();
    h.deliver({ seq: R, ack: seqAdd(iss, 500), payload: bytes(10) });
    expect(h.lastDrop).toBe('ACK of data never sent');
    expect(h.takeOne().ack).toBe(R);
  });

  it('drops a segment without ACK', () => {
    const h = new Harness();
    const { socket } = h.acceptConnection();
    h.deliver({ seq: R, payload: bytes(10) });
    expect(h.lastDrop).toBe('no ACK');
    expect(socket.readableBytes).toBe(0);
  });
});
