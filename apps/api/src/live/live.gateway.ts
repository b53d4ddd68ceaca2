/**
 * Live run events over socket.io. This header is the protocol; the names and message
 * types are in @socklab/contracts (api/live.ts).
 *
 * CONNECT
 *   Namespace "/runs" on the API's own origin, default path "/socket.io":
 *     io(`${apiOrigin}/runs`, { auth: { token } })
 *   `token` is a session token (POST /api/v1/auth/login) or an API token (`slk_…`) with
 *   the scope `runs:read`; Node clients may send `Authorization: Bearer <token>` instead
 *   (extraHeaders). A refused handshake ends in the client's `connect_error` with
 *   `err.data = { code, message }`: `auth/unauthenticated` (no token),
 *   `auth/invalid-token` (unknown, expired, revoked), `auth/insufficient-scope`.
 *
 * SUBSCRIBE  client → `subscribe` { runId, fromSeq? }  with an acknowledgement callback
 *   ack { ok: true, runId, fromSeq, status }   status: the run's status at that moment
 *   ack { ok: false, error: { code, message } }
 *     run/not-found      no such run, or one the caller may not see (another tenant's, or
 *                        another learner's: learners see their own runs, instructors and
 *                        owners every run of their tenant) — the same answer either way
 *     request/invalid    the message is not { runId: string, fromSeq?: integer ≥ 0 }
 *     live/too-many-subscriptions   more than 20 runs on one connection
 *     auth/invalid-token, auth/insufficient-scope   the credential was revoked, expired,
 *                        or the member removed since the connection was made
 *   The credential and the caller's access are checked again on every subscribe.
 *   Subscribing again to a run replaces the previous subscription (new fromSeq).
 *
 * EVENTS  server → `run:event` { runId, event }
 *   After the ack, the run's retained history from `fromSeq` (default 0), then live events
 *   as the runner appends them. `event` is a LabEvent (contracts lab-events.ts) with its
 *   `seq`: per run 0, 1, 2, … strictly increasing and each sent once per subscription. A
 *   gap appears only when the run's stream was trimmed (over 20 000 events) before the
 *   events were read. Events of runs other than `runId` never travel on a subscription.
 *
 * END  server → `run:end` { runId, reason: 'result' } right after the `result` event, or
 *   { runId, reason: 'finished', status } when the run finished without one (e.g.
 *   cancelled before a runner took it). The subscription is over; nothing more follows.
 *
 * ERROR  server → `run:error` { runId, error: { code, message } }: the subscription broke
 *   (e.g. `live/stream-unavailable`: Redis did not answer); subscribe again to resume.
 *
 * UNSUBSCRIBE  client → `unsubscribe` { runId }, ack { ok: true, runId }.
 *
 * RESUME  Subscriptions belong to one connection. After a reconnect (socket.io's own, or
 *   a new socket), subscribe again with fromSeq = last seq seen + 1: nothing is lost or
 *   repeated. Streams are kept 24 h after their last event.
 */
import { Inject, Logger, OnModuleDestroy } from '@nestjs/common';
import {
  Ack,
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import {
  LIVE_MAX_SUBSCRIPTIONS,
  LIVE_NAMESPACE,
  LIVE_RUN_END,
  LIVE_RUN_ERROR,
  LIVE_RUN_EVENT,
  LIVE_SUBSCRIBE,
  LIVE_UNSUBSCRIBE,
  LiveSubscribeRequestSchema,
  LiveUnsubscribeRequestSchema,
  type LiveClientEvents,
  type LiveError,
  type LiveRunEndMessage,
  type LiveRunErrorMessage,
  type LiveRunEventMessage,
  type LiveServerEvents,
  type LiveSubscribeAck,
  type LiveUnsubscribeAck,
} from '@socklab/contracts';
import { PrismaClient, RunEventFanout } from '@socklab/db';
import type { Namespace, Socket } from 'socket.io';
import { API_CONFIG, ApiConfig } from '../config/env';
import { PRISMA } from '../database/database.module';
import { AppError } from '../errors/app-error';
import { toErrorBody } from '../errors/error-filter';
import { isUuid } from '../common/id-param';
import { visibleRuns } from '../runs/run-access';
import { endFinishedFeeds } from './finished-feeds';
import { LiveAuthenticator } from './live-authenticator';
import { RUN_EVENT_FANOUT } from './live-providers';
import { RunFeed } from './run-feed';

interface LiveSocketData {
  credential: string;
  feeds: Map<string, RunFeed>;
}
type LiveSocket = Socket<LiveClientEvents, LiveServerEvents, Record<string, never>, LiveSocketData>;
type Reply<T> = ((reply: T) => void) | undefined;

@WebSocketGateway({ namespace: LIVE_NAMESPACE, serveClient: false })
export class LiveGateway
  implements
    OnGatewayInit<Namespace>,
    OnGatewayConnection<LiveSocket>,
    OnGatewayDisconnect<LiveSocket>,
    OnModuleDestroy
{
  private readonly logger = new Logger('LiveGateway');
  private readonly feeds = new Set<RunFeed>();
  private namespace: Namespace | null = null;
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(RUN_EVENT_FANOUT) private readonly fanout: RunEventFanout,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly authenticator: LiveAuthenticator,
  ) {}

  /** Connected clients of the namespace (for /metrics). */
  get connectedClients(): number {
    return this.namespace?.sockets.size ?? 0;
  }

  /** Open subscriptions over all clients (for /metrics). */
  get openSubscriptions(): number {
    return this.feeds.size;
  }

  afterInit(namespace: Namespace): void {
    this.namespace = namespace;
    namespace.use((socket, next) => {
      this.authenticator.admit(socket.handshake).then(
        (credential) => {
          (socket as LiveSocket).data = { credential, feeds: new Map() };
          next();
        },
        (error: unknown) => next(handshakeError(error)),
      );
    });
    const every = Math.max(50, Math.floor(this.config.live.endGraceMs / 2));
    this.sweepTimer = setInterval(() => void this.endFinished(this.feeds), every);
    this.sweepTimer.unref();
  }

  handleConnection(): void {
    // Admission happened in the namespace middleware; nothing to do per connection.
  }

  handleDisconnect(socket: LiveSocket): void {
    const feeds = socket.data.feeds;
    for (const feed of feeds?.values() ?? []) this.forget(feed, feeds);
  }

  onModuleDestroy(): void {
    clearInterval(this.sweepTimer);
    for (const feed of this.feeds) feed.close();
    this.feeds.clear();
  }

  @SubscribeMessage(LIVE_SUBSCRIBE)
  async subscribe(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() body: unknown,
    @Ack() ack: Reply<LiveSubscribeAck>,
  ): Promise<void> {
    const reply = ack ?? (() => undefined);
    let runId: string;
    let fromSeq: number;
    let status: LiveSubscribeAck & { ok: true };
    try {
      const request = LiveSubscribeRequestSchema.parse(body ?? {});
      runId = request.runId;
      fromSeq = request.fromSeq ?? 0;
      const principal = await this.authenticator.recheck(socket.data.credential);
      const run = isUuid(runId)
        ? await this.prisma.run.findFirst({
            where: { AND: [visibleRuns(principal), { id: runId }] },
            select: { status: true },
          })
        : null;
      if (!run) throw AppError.notFound('run/not-found', `No run ${runId} in this tenant.`);
      if (!socket.data.feeds.has(runId) && socket.data.feeds.size >= LIVE_MAX_SUBSCRIPTIONS) {
        throw AppError.conflict(
          'live/too-many-subscriptions',
          `One connection may watch at most ${LIVE_MAX_SUBSCRIPTIONS} runs; unsubscribe from one first.`,
        );
      }
      status = { ok: true, runId, fromSeq, status: run.status };
    } catch (error) {
      reply({ ok: false, error: liveError(error) });
      return;
    }
    if (!socket.connected) return;

    const owned = socket.data.feeds;
    const previous = owned.get(runId);
    if (previous) this.forget(previous, owned);
    const feed = new RunFeed(runId, {
      event: (id, event) => socket.emit(LIVE_RUN_EVENT, { runId: id, event } satisfies LiveRunEventMessage),
      end: (id, end) => {
        this.forget(feed, owned);
        socket.emit(LIVE_RUN_END, { runId: id, ...end } satisfies LiveRunEndMessage);
      },
    });
    owned.set(runId, feed);
    this.feeds.add(feed);
    reply(status);
    try {
      await feed.start(this.fanout, fromSeq);
    } catch (error) {
      this.logger.warn({ msg: `event stream unreadable: ${String(error)}`, runId });
      this.forget(feed, owned);
      socket.emit(LIVE_RUN_ERROR, {
        runId,
        error: {
          code: 'live/stream-unavailable',
          message: 'The run’s event stream could not be read; subscribe again.',
        },
      } satisfies LiveRunErrorMessage);
      return;
    }
    // A run that finished long ago without a result event ends at once, not at the next sweep.
    await this.endFinished([feed]);
  }

  @SubscribeMessage(LIVE_UNSUBSCRIBE)
  unsubscribe(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() body: unknown,
    @Ack() ack: Reply<LiveUnsubscribeAck>,
  ): void {
    const reply = ack ?? (() => undefined);
    const parsed = LiveUnsubscribeRequestSchema.safeParse(body ?? {});
    if (!parsed.success) {
      reply({ ok: false, error: liveError(parsed.error) });
      return;
    }
    const feed = socket.data.feeds.get(parsed.data.runId);
    if (feed) this.forget(feed, socket.data.feeds);
    reply({ ok: true, runId: parsed.data.runId });
  }

  /** Closes a feed and drops it from the gateway's and its socket's indexes; idempotent. */
  private forget(feed: RunFeed, owner: Map<string, RunFeed>): void {
    feed.close();
    this.feeds.delete(feed);
    if (owner.get(feed.runId) === feed) owner.delete(feed.runId);
  }

  private async endFinished(feeds: Iterable<RunFeed>): Promise<void> {
    try {
      await endFinishedFeeds(this.prisma, feeds, this.config.live.endGraceMs);
    } catch (error) {
      this.logger.warn(`could not check for finished runs: ${String(error)}`);
    }
  }
}

function liveError(error: unknown): LiveError {
  const { code, message } = toErrorBody(error).body.error;
  return { code, message };
}

function handshakeError(error: unknown): Error {
  const body = liveError(error);
  return Object.assign(new Error(body.message), { data: body });
}
