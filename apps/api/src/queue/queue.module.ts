import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { ApiConfig } from '../config/env';
import { createLabRunsQueue, LAB_RUNS, LabRunsQueue } from './lab-runs-queue';
import { OutboxPublisher } from './outbox-publisher';
import { RunQueuedAnnouncer } from './run-queued-announcer';
import { RunReconciler } from './run-reconciler';
import { SelfTestReconciler } from './self-test-reconciler';
import { createSelfTestsQueue, LAB_SELF_TESTS, SelfTestsQueue } from './self-tests-queue';

class QueueLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(LAB_RUNS) private readonly queue: LabRunsQueue,
    @Inject(LAB_SELF_TESTS) private readonly selfTests: SelfTestsQueue,
  ) {}
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.queue.close(), this.selfTests.close()]);
  }
}

/** The producer side of the lab-runs and lab-self-tests queues: outbox publisher, reconcilers, queued events. */
@Global()
@Module({})
export class QueueModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: QueueModule,
      providers: [
        { provide: LAB_RUNS, useFactory: () => createLabRunsQueue(config.redisUrl, config.queue.prefix) },
        {
          provide: LAB_SELF_TESTS,
          useFactory: () => createSelfTestsQueue(config.redisUrl, config.queue.prefix),
        },
        QueueLifecycle,
        OutboxPublisher,
        RunQueuedAnnouncer,
        RunReconciler,
        SelfTestReconciler,
      ],
      exports: [
        LAB_RUNS,
        LAB_SELF_TESTS,
        OutboxPublisher,
        RunQueuedAnnouncer,
        RunReconciler,
        SelfTestReconciler,
      ],
    };
  }
}
