import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { ApiConfig } from '../config/env';
import { createLabRunsQueue, LAB_RUNS, LabRunsQueue } from './lab-runs-queue';
import { OutboxPublisher } from './outbox-publisher';
import { RunReconciler } from './run-reconciler';

class QueueLifecycle implements OnApplicationShutdown {
  constructor(@Inject(LAB_RUNS) private readonly queue: LabRunsQueue) {}
  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}

/** The producer side of the lab-runs queue: outbox publisher and reconciler. */
@Global()
@Module({})
export class QueueModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: QueueModule,
      providers: [
        { provide: LAB_RUNS, useFactory: () => createLabRunsQueue(config.redisUrl, config.queue.prefix) },
        QueueLifecycle,
        OutboxPublisher,
        RunReconciler,
      ],
      exports: [LAB_RUNS, OutboxPublisher, RunReconciler],
    };
  }
}
