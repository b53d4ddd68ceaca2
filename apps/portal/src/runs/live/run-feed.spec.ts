import type { LabEvent, LiveSubscribeAck } from '@socklab/contracts';
import { followRun, type FeedSocket, type FeedStatus } from './run-feed';

/** A socket.io client socket stand-in: records what the feed emits, lets the test play the server. */
class FakeSocket implements FeedSocket {
  readonly listeners = new Map<string, ((...args: never[]) => void)[]>();
  readonly subscriptions: { payload: unknown; ack: (reply: LiveSubscribeAck) => void }[] = [];
  connected = false;
  on(event: string, listener: (...args: never[]) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(_event: string, payload: unknown, ack: (reply: LiveSubscribeAck) => void) {
    this.subscriptions.push({ payload, ack });
    return this;
  }
  connect() {
    this.connected = true;
    return this;
  }
  disconnect() {
    this.connected = false;
    return this;
  }
  serve(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
  }
}

const phase = (seq: number): LabEvent => ({ type: 'phase', phase: 'running', seq, t: seq });

function setUp() {
  const socket = new FakeSocket();
  const flushes: (() => void)[] = [];
  const received: LabEvent[][] = [];
  const statuses: FeedStatus[] = [];
  const ends: unknown[] = [];
  let consumed = 0;
  const feed = followRun({
    runId: 'r1',
    token: 'tok',
    fromSeq: () => consumed,
    connect: (namespace, token) => {
      expect([namespace, token]).toEqual(['/runs', 'tok']);
      return socket;
    },
    schedule: (flush) => flushes.push(flush),
    resubscribeDelayMs: 0,
    handlers: {
      onEvents: (events) => {
        received.push(events);
        consumed = (events.at(-1)?.seq ?? -1) + 1;
      },
      onStatus: (status) => statuses.push(status),
      onEnd: (end) => ends.push(end),
    },
  });
  return { socket, flushes, received, statuses, ends, feed };
}

describe('followRun', () => {
  it('subscribes on connect and hands events over in one batch per frame', () => {
    const { socket, flushes, received, statuses } = setUp();
    expect(socket.connected).toBe(true);
    socket.serve('connect');
    expect(socket.subscriptions[0].payload).toEqual({ runId: 'r1', fromSeq: 0 });
    socket.subscriptions[0].ack({ ok: true, runId: 'r1', fromSeq: 0, status: 'running' });
    socket.serve('run:event', { runId: 'r1', event: phase(0) });
    socket.serve('run:event', { runId: 'other', event: phase(0) });
    socket.serve('run:event', { runId: 'r1', event: phase(1) });
    expect(flushes).toHaveLength(1);
    flushes[0]();
    expect(received).toEqual([[phase(0), phase(1)]]);
    expect(statuses).toEqual(['connecting', 'live']);
  });

  it('resumes after a reconnect from the first seq not yet received', () => {
    const { socket, flushes, statuses } = setUp();
    socket.serve('connect');
    socket.serve('run:event', { runId: 'r1', event: phase(0) });
    flushes[0]();
    socket.serve('run:event', { runId: 'r1', event: phase(1) }); // not flushed yet
    socket.serve('disconnect');
    socket.serve('connect');
    expect(socket.subscriptions.map((s) => s.payload)).toEqual([
      { runId: 'r1', fromSeq: 0 },
      { runId: 'r1', fromSeq: 2 },
    ]);
    expect(statuses).toContain('reconnecting');
  });

  it('subscribes again when the gateway reports a broken subscription', async () => {
    const { socket } = setUp();
    socket.serve('connect');
    socket.serve('run:error', { runId: 'r1', error: { code: 'live/stream-unavailable', message: 'Redis' } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(socket.subscriptions).toHaveLength(2);
  });

  it('delivers what is pending, then ends, at the end of the run', () => {
    const { socket, received, statuses, ends } = setUp();
    socket.serve('connect');
    socket.serve('run:event', { runId: 'r1', event: phase(0) });
    socket.serve('run:end', { runId: 'r1', reason: 'result' });
    expect(received).toEqual([[phase(0)]]);
    expect(ends).toEqual([{ reason: 'result' }]);
    expect(statuses.at(-1)).toBe('ended');
    expect(socket.connected).toBe(false);
  });

  it('gives up on a refused subscription or credential, and stops on close()', () => {
    const refused = setUp();
    refused.socket.serve('connect');
    refused.socket.subscriptions[0].ack({ ok: false, error: { code: 'run/not-found', message: 'No run r1.' } });
    expect(refused.statuses.at(-1)).toBe('failed');
    expect(refused.socket.connected).toBe(false);

    const expired = setUp();
    expired.socket.serve('connect_error', Object.assign(new Error('x'), { data: { code: 'auth/invalid-token', message: 'expired' } }));
    expect(expired.statuses.at(-1)).toBe('failed');

    const closed = setUp();
    closed.feed.close();
    closed.socket.serve('connect');
    expect(closed.socket.subscriptions).toEqual([]);
  });
});
