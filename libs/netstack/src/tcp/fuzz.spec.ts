/**
 * Random and mutated segments into connections in every state: nothing throws and the
 * control-block invariants of tcb.ts hold after every segment and timer.
 */
import type { TcpRepr } from '../wire/tcp-repr';
import type { TcpSocket } from './api';
import type { Connection } from './connection';
import { seqAdd, seqDiff, seqLe } from './seq';
import { bytes, flags, type FlagName, Harness, REMOTE_ISS } from './test-harness';

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const R = REMOTE_ISS + 1;

/** Brings a fresh harness's connection into `state`; returns it and the ISS. */
function socketIn(state: string, h: Harness): { socket: TcpSocket; iss: number } {
  if (state === 'SYN_SENT') {
    const socket = h.layer.connect(0, { addr: 0x0a000002, port: 40000 }, { localPort: 80 });
    return { socket, iss: socket.iss! };
  }
  if (state === 'SYN_RECEIVED') {
    h.listen();
    h.deliver({ seq: REMOTE_ISS, flags: ['syn'] });
    const socket = h.layer.sockets()[0]!;
    return { socket, iss: socket.iss! };
  }
  const opened = h.acceptConnection();
  const { socket, iss } = opened;
  socket.send(h.now, bytes(3000));
  h.deliver({ seq: R, ack: seqAdd(iss, 1), payload: bytes(100) });
  switch (state) {
    case 'FIN_WAIT_1':
      socket.read(h.now);
      socket.shutdownWrite(h.now);
      break;
    case 'FIN_WAIT_2':
      socket.shutdownWrite(h.now);
      h.deliver({ seq: R + 100, ack: seqAdd(iss, 3002) });
      break;
    case 'CLOSE_WAIT':
      h.deliver({ seq: R + 100, ack: seqAdd(iss, 1), flags: ['fin', 'ack'] });
      break;
    case 'LAST_ACK':
      h.deliver({ seq: R + 100, ack: seqAdd(iss, 1), flags: ['fin', 'ack'] });
      socket.shutdownWrite(h.now);
      break;
    case 'CLOSING':
      socket.shutdownWrite(h.now);
      h.deliver({ seq: R + 100, ack: seqAdd(iss, 1), flags: ['fin', 'ack'] });
      break;
    case 'TIME_WAIT':
      socket.shutdownWrite(h.now);
      h.deliver({ seq: R + 100, ack: seqAdd(iss, 3002), flags: ['fin', 'ack'] });
      break;
  }
  return { socket, iss };
}

/** Throws (plain Error: jest's expect is too slow for thousands of checks) when a tcb.ts invariant fails. */
function checkInvariants(socket: TcpSocket): void {
  const c = socket as unknown as Connection;
  if (c.state === 'CLOSED' || c.state === 'LISTEN') return;
  const check = (ok: boolean, what: string): void => {
    if (!ok) throw new Error(`invariant broken in ${c.state}: ${what}`);
  };
  check(seqLe(c.sndUna, c.sndNxt), 'SND.UNA <= SND.NXT');
  check(seqLe(c.sndNxt, c.sndMax), 'SND.NXT <= sndMax');
  check(
    c.sendBuffer.length >= 0 && c.sendBuffer.length <= c.sendBuffer.capacity,
    'send buffer within capacity',
  );
  check(c.recvBuffer.readable <= c.recvBuffer.capacity, 'receive buffer within capacity');
  if (c.synAcked && !c.finAcked) check(c.sndDataSeq === c.sndUna, 'send buffer starts at SND.UNA');
  if (c.irs !== null && c.state !== 'SYN_SENT') {
    const expected = seqAdd(c.irs, 1 + c.recvBuffer.end + (c.peerClosed ? 1 : 0));
    check(c.rcvNxt === expected, 'RCV.NXT = IRS + 1 + octets received (+1 for FIN)');
  }
  check(seqDiff(c.rcvAdvRight, c.rcvNxt) >= 0, 'advertised right edge not behind RCV.NXT');
}

const STATES = [
  'SYN_SENT',
  'SYN_RECEIVED',
  'ESTABLISHED',
  'FIN_WAIT_1',
  'FIN_WAIT_2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
  'TIME_WAIT',
];
const FLAG_NAMES: FlagName[] = ['syn', 'fin', 'rst', 'psh', 'ack'];

describe('fuzz: random segments in every state', () => {
  it.each(STATES)('%s survives 1000 random and mutated segments with invariants intact', (state) => {
    const random = prng(state.length * 7919);
    for (let round = 0; round < 20; round++) {
      const h = new Harness({ delayedAck: 40, receiveBufferSize: 4096 });
      const { socket, iss } = socketIn(state, h);
      expect(socket.state).toBe(state);
      for (let i = 0; i < 50; i++) {
        const near = (base: number): number => seqAdd(base, Math.floor(random() * 8000) - 4000);
        const pick = random();
        const seq =
          pick < 0.6 ? near(socket.irs === null ? R : seqAdd(socket.irs, 1)) : Math.floor(random() * 2 ** 32);
        const ack = random() < 0.7 ? near(iss) : Math.floor(random() * 2 ** 32);
        const names = FLAG_NAMES.filter(() => random() < (random() < 0.5 ? 0.15 : 0.6));
        const seg: TcpRepr = {
          srcPort: 40000,
          dstPort: 80,
          seq,
          ack: names.includes('ack') ? ack >>> 0 : 0,
          flags: flags(...names),
          window: Math.floor(random() * 65536),
          urgentPointer: 0,
          options:
            random() < 0.2
              ? { mss: Math.floor(random() * 3000), windowScale: Math.floor(random() * 20) }
              : {},
          payload: bytes(random() < 0.5 ? 0 : Math.floor(random() * 2000), i),
        };
        h.layer.receive(h.now, 0x0a000002, 0x0a000001, seg);
        checkInvariants(socket);
        if (random() < 0.2) h.advanceBy(random() * 3000);
        if (random() < 0.1) socket.read(h.now, 50);
        checkInvariants(socket);
      }
      h.advanceBy(10 * 60 * 1000);
      const next = h.layer.pollAt();
      if (next !== null) expect(next).toBeGreaterThan(h.now);
    }
  });
});
