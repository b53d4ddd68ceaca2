import type { AddressInfo } from 'node:net';
import {
  LIVE_NAMESPACE,
  type LiveClientEvents,
  type LiveRunEndMessage,
  type LiveRunErrorMessage,
  type LiveRunEventMessage,
  type LiveServerEvents,
  type LiveSubscribeAck,
  type LiveSubscribeRequest,
} from '@socklab/contracts';
import { io, type Socket } from 'socket.io-client';
import type { TestApi } from './test-api';

/** Makes the test API listen on an ephemeral loopback port; returns its origin. */
export async function listen(api: TestApi): Promise<string> {
  await api.app.listen(0, '127.0.0.1');
  const { port } = api.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** A connected socket.io client of the live namespace that records every message it gets. */
export interface LiveClient {
  socket: Socket<LiveServerEvents, LiveClientEvents>;
  events: LiveRunEventMessage[];
  ends: LiveRunEndMessage[];
  errors: LiveRunErrorMessage[];
  subscribe(request: LiveSubscribeRequest | Record<string, unknown>): Promise<LiveSubscribeAck>;
  /** Resolves once `predicate` holds over what was received; rejects after `ms`. */
  until(predicate: (client: LiveClient) => boolean, ms?: number): Promise<void>;
  close(): void;
}

export function connectLive(origin: string, token: string | undefined): Promise<LiveClient> {
  const socket: Socket<LiveServerEvents, LiveClientEvents> = io(`${origin}${LIVE_NAMESPACE}`, {
    auth: token === undefined ? {} : { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  const client: LiveClient = {
    socket,
    events: [],
    ends: [],
    errors: [],
    subscribe: (request) => socket.timeout(5_000).emitWithAck('subscribe', request as LiveSubscribeRequest),
    until: (predicate, ms = 5_000) =>
      new Promise<void>((resolve, reject) => {
        const deadline = Date.now() + ms;
        const poll = () => {
          if (predicate(client)) resolve();
          else if (Date.now() > deadline) reject(new Error(`live client: condition not met within ${ms} ms`));
          else setTimeout(poll, 10);
        };
        poll();
      }),
    close: () => void socket.disconnect(),
  };
  socket.on('run:event', (message) => client.events.push(message));
  socket.on('run:end', (message) => client.ends.push(message));
  socket.on('run:error', (message) => client.errors.push(message));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', (error) => {
      socket.disconnect();
      reject(error);
    });
  });
}

/** The `{ code, message }` a refused handshake carries. */
export async function refusedHandshake(origin: string, token: string | undefined): Promise<unknown> {
  try {
    const client = await connectLive(origin, token);
    client.close();
    return 'connected';
  } catch (error) {
    return (error as { data?: unknown }).data;
  }
}
