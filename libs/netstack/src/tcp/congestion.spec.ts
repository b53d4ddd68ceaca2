/**
 * Congestion control (RFC 5681, RFC 6928 initial window, RFC 3465 byte counting) on the
 * virtual clock: how many segments go out, flight by flight. The peer offers a window far
 * larger than cwnd (scale 7), so every limit seen here is the congestion window's.
 */
import { seqAdd } from './seq';
import { bytes, Harness, REMOTE_ISS } from './test-harness';

const R = REMOTE_ISS + 1;
const MSS = 1460;

function opened(config: ConstructorParameters<typeof Harness>[0] = {}) {
  const h = new Harness({ windowScale: 7, sendBufferSize: 1 << 22, ...config });
  const { socket, iss } = h.openConnection({ synAckOptions: { mss: MSS, windowScale: 7 } });
  const ack = (octets: number) => h.deliver({ seq: R, ack: seqAdd(iss, 1 + octets), window: 65535 });
  const sizes = () => h.take().map((s) => s.payload.length);
  ack(0); // a window update: from now on the peer's window is scaled (the SYN,ACK's never is)
  return { h, socket, iss, ack, sizes };
}

describe('congestion control (RFC 5681)', () => {
  it('sends the RFC 6928 initial window, min(10·MSS, max(2·MSS, 14600)), before the first ACK', () => {
    const { h, socket, sizes } = opened();
    socket.send(h.now, bytes(100_000));
    expect(sizes()).toEqual(Array(10).fill(MSS));
  });

  it('with congestionControl none sends as far as the peer window allows', () => {
    const { h, socket, sizes } = opened({ congestionControl: 'none' });
    socket.send(h.now, bytes(100_000));
    expect(sizes()).toHaveLength(Math.ceil(100_000 / MSS));
  });

  it('slow start: each ACK of new data opens cwnd by min(acked, SMSS)', () => {
    const { h, socket, ack, sizes } = opened();
    socket.send(h.now, bytes(200_000));
    sizes();
    ack(MSS); // cwnd 11 MSS, flight 9: two more
    expect(sizes()).toEqual([MSS, MSS]);
    ack(4 * MSS); // acks three segments at once: byte counting with L = 1 adds one MSS
    expect(sizes()).toEqual([MSS, MSS, MSS, MSS]);
  });

  it('starts with one segment when its SYN had to be retransmitted (RFC 6928 §2)', () => {
    const h = new Harness({ windowScale: 7 });
    const socket = h.layer.connect(h.now, { addr: 0x0a000002, port: 40000 }, { localPort: 80 });
    const syn = h.takeOne();
    h.advanceBy(1000); // initial RTO: the SYN goes again
    h.takeOne();
    h.deliver({
      seq: REMOTE_ISS,
      ack: seqAdd(syn.seq, 1),
      flags: ['syn', 'ack'],
      options: { mss: MSS, windowScale: 7 },
    });
    h.take();
    socket.send(h.now, bytes(10_000));
    expect(h.take().map((s) => s.payload.length)).toEqual([MSS]);
  });

  it('after a retransmission timeout: one segment, then slow start up to half the old flight', () => {
    const { h, socket, ack, sizes } = opened();
    socket.send(h.now, bytes(200_000));
    expect(sizes()).toHaveLength(10); // flight 14 600: ssthresh will be 7300
    h.advanceTo(h.layer.pollAt() ?? 0); // the first retransmission timeout
    expect(sizes()).toEqual([MSS]); // the loss window: one segment
    ack(MSS); // partial ACK: the next lost segment goes, no new data (cwnd 2 MSS < flight)
    expect(sizes()).toEqual([MSS]);
    ack(10 * MSS); // everything: cwnd 3 MSS, nothing in flight
    expect(sizes()).toEqual([MSS, MSS, MSS]);
    ack(11 * MSS); // slow start: cwnd 4 MSS, 2 in flight
    expect(sizes()).toEqual([MSS, MSS]);
    ack(12 * MSS); // cwnd reaches ssthresh (7300 = 5 MSS)
    expect(sizes()).toEqual([MSS, MSS]);
    ack(13 * MSS); // congestion avoidance: cwnd stays until a whole cwnd is acknowledged
    expect(sizes()).toEqual([MSS]);
  });

  it('fast retransmit and fast recovery: inflate by duplicate ACKs, deflate to ssthresh on new data', () => {
    const { h, socket, ack, sizes } = opened();
    socket.send(h.now, bytes(200_000));
    sizes(); // 10 segments in flight
    for (let i = 0; i < 3; i++) ack(0);
    expect(sizes()).toEqual([MSS]); // the fast retransmission; cwnd = 7300 + 3 MSS = 11 680 < flight
    ack(0);
    ack(0);
    expect(sizes()).toEqual([]); // cwnd 14 600 = flight
    ack(0);
    expect(sizes()).toEqual([MSS]); // cwnd one MSS above the flight: one new segment
    ack(10 * MSS); // recovery ends: cwnd = ssthresh = 7300, flight one segment
    expect(sizes()).toEqual([MSS, MSS, MSS, MSS]);
  });

  it('congestion avoidance: one more segment per window of acknowledged data', () => {
    const { h, socket, ack, sizes } = opened();
    socket.send(h.now, bytes(400_000));
    sizes();
    for (let i = 0; i < 3; i++) ack(0);
    ack(10 * MSS); // recovery over: cwnd = ssthresh = 7300 (5 segments)
    let acked = 10 * MSS;
    const flights: number[] = [];
    for (let round = 0; round < 4; round++) {
      const flight = sizes();
      flights.push(flight.length);
      for (const size of flight) ack((acked += size));
    }
    // Each round trip acknowledges a whole window, one ACK per segment: in congestion
    // avoidance that opens cwnd by exactly one segment (slow start would double it).
    expect(flights.slice(1).map((n, i) => n - (flights[i] ?? 0))).toEqual([1, 1, 1]);
  });

  it('restarts from the initial window after an idle period longer than the RTO (RFC 5681 §4.1)', () => {
    const { h, socket, ack, sizes } = opened();
    socket.send(h.now, bytes(20 * MSS));
    ack(10 * MSS);
    ack(20 * MSS); // cwnd has grown past the initial window, nothing in flight
    sizes();
    h.advanceBy(5000);
    socket.send(h.now, bytes(40 * MSS));
    expect(sizes()).toHaveLength(10);
  });
});
