/**
 * A socket.io watcher of runs, as the portal is one (protocol: the header of
 * apps/api/src/live/live.gateway.ts): connect to the /runs namespace with a token,
 * subscribe to a run, collect its events until `run:end`.
 */
import {
  LIVE_NAMESPACE,
  type LabEvent,
  type LiveClientEvents,
  type LiveRunEndMessage,
  type LiveServerEvents,
  type LiveSubscribeAck,
} from '@socklab/contracts';
import { io, type Socket } from 'socket.io-client';

export interface ReceivedEvent {
  event: LabEvent;
  /** performance.now() when it arrived (comparable with times taken in the same process). */
  at: number;
}

export class LiveWatcher {
  private readonly received = new Map<string, ReceivedEvent[]>();
  private readonly ended = new Map<string, LiveRunEndMessage>();
  private readonly waiters = new Set<() => void>();

  private constructor(readonly socket: Socket<LiveServerEvents, LiveClientEvents>) {
    socket.on('run:event', ({ runId, event }) => {
      this.eventsOf(runId).push({ event, at: performance.now() });
      this.wake();
    });
    socket.on('run:end', (message) => {
      this.ended.set(message.runId, message);
      this.wake();
    });
  }

  static connect(origin: string, token: string): Promise<LiveWatcher> {
    const socket: Socket<LiveServerEvents, LiveClientEvents> = io(`${origin}${LIVE_NAMESPACE}`, {
      auth: { token },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(new LiveWatcher(socket)));
      socket.once('connect_error', (error) => {
        socket.disconnect();
        reject(error);
      });
    });
  }

  subscribe(runId: string, fromSeq?: number): Promise<LiveSubscribeAck> {
    return this.socket
      .timeout(10_000)
      .emitWithAck('subscribe', { runId, ...(fromSeq === undefined ? {} : { fromSeq }) });
  }

  eventsOf(runId: string): ReceivedEvent[] {
    let events = this.received.get(runId);
    if (!events) this.received.set(runId, (events = []));
    return events;
  }

  /** Resolves with the run's events once `run:end` arrived for it. */
  async untilEnd(
    runId: string,
    timeoutMs: number,
  ): Promise<{ events: ReceivedEvent[]; end: LiveRunEndMessage }> {
    await this.until(() => this.ended.has(runId), timeoutMs, `run:end of ${runId}`);
    return { events: this.eventsOf(runId), end: this.ended.get(runId) as LiveRunEndMessage };
  }

  until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`live watcher: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  close(): void {
    this.socket.disconnect();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
