import { z } from 'zod';

import type { LabEvent } from '../lab-events';
import type { RunStatus } from '../run-status';

/**
 * The live run-event protocol over socket.io, shared by the API gateway, the portal and
 * API clients. The full description (handshake, ordering, resume) is the header of
 * apps/api/src/live/live.gateway.ts.
 */
export const LIVE_NAMESPACE = '/runs';

/** Client → server messages (each takes an acknowledgement callback). */
export const LIVE_SUBSCRIBE = 'subscribe';
export const LIVE_UNSUBSCRIBE = 'unsubscribe';
/** Server → client messages. */
export const LIVE_RUN_EVENT = 'run:event';
export const LIVE_RUN_END = 'run:end';
export const LIVE_RUN_ERROR = 'run:error';

/** Subscriptions one connection may hold at once. */
export const LIVE_MAX_SUBSCRIPTIONS = 20;

export const LiveSubscribeRequestSchema = z.object({
  runId: z.string().min(1),
  /** First seq wanted: 0 (default) replays the retained history; last seen + 1 resumes. */
  fromSeq: z.int().min(0).optional(),
});
export type LiveSubscribeRequest = z.infer<typeof LiveSubscribeRequestSchema>;

export const LiveUnsubscribeRequestSchema = z.object({ runId: z.string().min(1) });
export type LiveUnsubscribeRequest = z.infer<typeof LiveUnsubscribeRequestSchema>;

export interface LiveError {
  code: string;
  message: string;
}

export type LiveSubscribeAck =
  { ok: true; runId: string; fromSeq: number; status: RunStatus } | { ok: false; error: LiveError };

export type LiveUnsubscribeAck = { ok: true; runId: string } | { ok: false; error: LiveError };

export interface LiveRunEventMessage {
  runId: string;
  event: LabEvent;
}

/** Why a subscription ended: the `result` event was sent, or the run finished without one. */
export type LiveRunEnd = { reason: 'result' } | { reason: 'finished'; status: RunStatus };

export type LiveRunEndMessage = LiveRunEnd & { runId: string };

export interface LiveRunErrorMessage {
  runId: string;
  error: LiveError;
}

/** Typed event maps for socket.io: `Socket<LiveServerEvents, LiveClientEvents>` on the client. */
export interface LiveServerEvents {
  'run:event': (message: LiveRunEventMessage) => void;
  'run:end': (message: LiveRunEndMessage) => void;
  'run:error': (message: LiveRunErrorMessage) => void;
}

export interface LiveClientEvents {
  subscribe: (request: LiveSubscribeRequest, ack: (reply: LiveSubscribeAck) => void) => void;
  unsubscribe: (request: LiveUnsubscribeRequest, ack: (reply: LiveUnsubscribeAck) => void) => void;
}
