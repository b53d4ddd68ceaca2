/**
 * Follows one run's live events over the API's socket.io gateway (protocol: the header
 * of apps/api/src/live/live.gateway.ts; names in @socklab/contracts). Subscribes on every
 * (re)connection from the first seq not yet seen, so nothing is lost or repeated across
 * reconnects; hands events over in batches, at most one per animation frame, so a burst
 * of segments costs one render.
 */
import {
  LIVE_NAMESPACE,
  LIVE_RUN_END,
  LIVE_RUN_ERROR,
  LIVE_RUN_EVENT,
  LIVE_SUBSCRIBE,
  type LabEvent,
  type LiveError,
  type LiveRunEnd,
  type LiveRunEndMessage,
  type LiveRunErrorMessage,
  type LiveRunEventMessage,
  type LiveSubscribeAck,
  type RunStatus,
} from '@socklab/contracts';

export type FeedStatus = 'connecting' | 'live' | 'reconnecting' | 'ended' | 'failed';

export interface RunFeedHandlers {
  onEvents(events: LabEvent[]): void;
  onStatus(status: FeedStatus, detail?: { runStatus?: RunStatus; error?: LiveError }): void;
  onEnd(end: LiveRunEnd): void;
}

/** The part of a socket.io client socket the feed uses (a fake in tests). */
export interface FeedSocket {
  on(event: string, listener: (...args: never[]) => void): unknown;
  emit(event: string, payload: unknown, ack: (reply: LiveSubscribeAck) => void): unknown;
  connect(): unknown;
  disconnect(): unknown;
}

export type FeedSocketFactory = (namespace: string, token: string) => FeedSocket;

export interface RunFeedOptions {
  runId: string;
  token: string;
  /** First seq the consumer has not seen (LiveRunLog.nextSeq). */
  fromSeq(): number;
  handlers: RunFeedHandlers;
  connect: FeedSocketFactory;
  /** Schedules a batch flush; defaults to requestAnimationFrame. */
  schedule?: (flush: () => void) => void;
  /** Pause before subscribing again after the gateway reported a broken subscription. */
  resubscribeDelayMs?: number;
}

export function followRun(options: RunFeedOptions): { close(): void } {
  const { runId, handlers } = options;
  const schedule = options.schedule ?? ((flush) => requestAnimationFrame(flush));
  const socket = options.connect(LIVE_NAMESPACE, options.token);
  let pending: LabEvent[] = [];
  let flushQueued = false;
  let closed = false;
  /** One past the last seq received, flushed or not. */
  let received = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    flushQueued = false;
    if (closed || pending.length === 0) return;
    const batch = pending;
    pending = [];
    handlers.onEvents(batch);
  };
  const finish = () => {
    closed = true;
    clearTimeout(retry);
    socket.disconnect();
  };
  const subscribe = () => {
    if (closed) return;
    const fromSeq = Math.max(options.fromSeq(), received);
    socket.emit(LIVE_SUBSCRIBE, { runId, fromSeq }, (reply) => {
      if (closed) return;
      if (reply.ok) handlers.onStatus('live', { runStatus: reply.status });
      else {
        handlers.onStatus('failed', { error: reply.error });
        finish();
      }
    });
  };

  socket.on('connect', subscribe);
  socket.on('disconnect', () => !closed && handlers.onStatus('reconnecting'));
  socket.on('connect_error', (error: Error & { data?: LiveError }) => {
    if (closed) return;
    if (error.data?.code?.startsWith('auth/')) {
      handlers.onStatus('failed', { error: error.data });
      finish();
    } else handlers.onStatus('reconnecting');
  });
  socket.on(LIVE_RUN_EVENT, (message: LiveRunEventMessage) => {
    if (closed || message.runId !== runId) return;
    pending.push(message.event);
    received = Math.max(received, message.event.seq + 1);
    if (!flushQueued) {
      flushQueued = true;
      schedule(flush);
    }
  });
  socket.on(LIVE_RUN_END, (message: LiveRunEndMessage) => {
    if (closed || message.runId !== runId) return;
    flush();
    const { runId: _, ...end } = message;
    handlers.onEnd(end);
    handlers.onStatus('ended');
    finish();
  });
  socket.on(LIVE_RUN_ERROR, (message: LiveRunErrorMessage) => {
    if (closed || message.runId !== runId) return;
    handlers.onStatus('reconnecting', { error: message.error });
    retry = setTimeout(subscribe, options.resubscribeDelayMs ?? 1000);
  });

  handlers.onStatus('connecting');
  socket.connect();
  return {
    close() {
      if (!closed) finish();
    },
  };
}
