import type { PrismaClient } from '../client';
import type { OutboxMessage } from '../generated/prisma/client';

export interface RelayOptions {
  /** Messages taken per call. Default 50. */
  readonly batchSize?: number;
  /** Delay before retrying a message whose publish failed: base × 2^(attempts-1), capped. */
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  readonly now?: () => Date;
}

/**
 * Moves outbox messages to the queue. System-scoped on purpose: it serves all tenants and
 * only ever reads the outbox. Delivery is at-least-once; the queue de-duplicates by
 * `jobId`. Rows are taken with FOR UPDATE SKIP LOCKED, so several relays (one per API
 * instance) share the work without publishing a message twice concurrently.
 */
export class OutboxRelay {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: RelayOptions = {},
  ) {}

  /**
   * Publishes due messages once. `publish` must resolve only after the queue accepted the
   * job; a rejection leaves the message for a later retry with backoff.
   * @returns how many messages were published.
   */
  async publishDue(publish: (message: OutboxMessage) => Promise<void>): Promise<number> {
    const now = this.options.now?.() ?? new Date();
    return this.prisma.$transaction(
      async (tx) => {
        const due = await tx.$queryRaw<{ id: string }[]>`
          SELECT id FROM "OutboxMessage"
           WHERE "publishedAt" IS NULL AND "availableAt" <= ${now}
           ORDER BY "createdAt"
           LIMIT ${this.options.batchSize ?? 50}
           FOR UPDATE SKIP LOCKED`;
        const messages = await tx.outboxMessage.findMany({ where: { id: { in: due.map((row) => row.id) } }, orderBy: { createdAt: 'asc' } });
        let published = 0;
        for (const message of messages) {
          try {
            await publish(message);
            await tx.outboxMessage.update({ where: { id: message.id }, data: { publishedAt: now, publishAttempts: { increment: 1 } } });
            published++;
          } catch (error) {
            const attempts = message.publishAttempts + 1;
            const delay = Math.min((this.options.retryBaseMs ?? 1_000) * 2 ** (attempts - 1), this.options.retryMaxMs ?? 60_000);
            await tx.outboxMessage.update({
              where: { id: message.id },
              data: { publishAttempts: attempts, lastError: String((error as Error)?.message ?? error), availableAt: new Date(now.getTime() + delay) },
            });
          }
        }
        return published;
      },
      { timeout: 30_000 },
    );
  }

  /** Messages not yet published (for health checks and the reconciler). */
  pendingCount(): Promise<number> {
    return this.prisma.outboxMessage.count({ where: { publishedAt: null } });
  }
}
