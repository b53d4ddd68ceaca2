import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import {
  LAB_RUNS_QUEUE,
  LAB_SELF_TESTS_QUEUE,
  LabRunJobSchema,
  SELF_TEST_JOB_NAME,
  SELF_TEST_JOB_RETENTION,
  SelfTestJobSchema,
} from '@socklab/contracts';
import { OutboxMessage, OutboxRelay, PrismaClient } from '@socklab/db';
import { API_CONFIG, ApiConfig } from '../config/env';
import { PRISMA } from '../database/database.module';
import { LAB_RUN_JOB_NAME, LAB_RUN_JOB_RETENTION, LAB_RUNS, LabRunsQueue } from './lab-runs-queue';
import { LAB_SELF_TESTS, SelfTestsQueue } from './self-tests-queue';

/**
 * Moves outbox messages to BullMQ (lab-runs and lab-self-tests, by the message's queue):
 * on an interval, and right after each submission, regrade or self-test request
 * (`kick`). The BullMQ job id is the message's jobId (`labRunJobId`), so a message
 * published twice — after a crash between `add` and the outbox update — stays one job.
 * Calls coalesce: at most one relay pass runs and one more waits behind it.
 */
@Injectable()
export class OutboxPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxPublisher');
  private readonly relay: OutboxRelay;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<number> | null = null;
  private waiting: Promise<number> | null = null;

  constructor(
    @Inject(PRISMA) prisma: PrismaClient,
    @Inject(LAB_RUNS) private readonly queue: LabRunsQueue,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(LAB_SELF_TESTS) private readonly selfTests: SelfTestsQueue,
  ) {
    this.relay = new OutboxRelay(prisma);
  }

  onApplicationBootstrap(): void {
    const every = this.config.queue.outboxIntervalMs;
    if (every > 0) this.timer = setInterval(() => this.kick(), every);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await Promise.allSettled([this.inFlight, this.waiting]);
  }

  /** Starts a relay pass without waiting for it; failures are logged and retried later. */
  kick(): void {
    this.publishNow().catch((error: unknown) =>
      this.logger.warn(`outbox relay pass failed: ${String(error)}`),
    );
  }

  /** @returns how many messages the pass that covers this call published. */
  publishNow(): Promise<number> {
    if (!this.inFlight) return this.startPass();
    this.waiting ??= this.inFlight
      .catch(() => 0)
      .then(() => {
        this.waiting = null;
        return this.startPass();
      });
    return this.waiting;
  }

  private startPass(): Promise<number> {
    const pass = this.relay.publishDue((message) => this.publish(message));
    this.inFlight = pass;
    void pass
      .finally(() => {
        if (this.inFlight === pass) this.inFlight = null;
      })
      .catch(() => undefined);
    return pass;
  }

  private async publish(message: OutboxMessage): Promise<void> {
    if (message.queue === LAB_RUNS_QUEUE) {
      const job = LabRunJobSchema.parse(message.payload);
      await this.queue.add(LAB_RUN_JOB_NAME, job, { jobId: message.jobId, ...LAB_RUN_JOB_RETENTION });
    } else if (message.queue === LAB_SELF_TESTS_QUEUE) {
      const job = SelfTestJobSchema.parse(message.payload);
      await this.selfTests.add(SELF_TEST_JOB_NAME, job, { jobId: message.jobId, ...SELF_TEST_JOB_RETENTION });
    } else {
      throw new Error(
        `this API publishes to "${LAB_RUNS_QUEUE}" and "${LAB_SELF_TESTS_QUEUE}" only, not "${message.queue}"`,
      );
    }
  }
}
