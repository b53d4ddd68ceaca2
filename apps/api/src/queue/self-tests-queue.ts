import { LAB_SELF_TESTS_QUEUE, type SelfTestJob } from '@socklab/contracts';
import type { Queue } from 'bullmq';
import { createProducerQueue } from './producer-queue';

/** Injection token of the producer side of LAB_SELF_TESTS_QUEUE. */
export const LAB_SELF_TESTS = Symbol('LAB_SELF_TESTS');

export type SelfTestsQueue = Queue<SelfTestJob>;

export function createSelfTestsQueue(redisUrl: string, prefix: string): SelfTestsQueue {
  return createProducerQueue<SelfTestJob>(LAB_SELF_TESTS_QUEUE, redisUrl, prefix);
}
