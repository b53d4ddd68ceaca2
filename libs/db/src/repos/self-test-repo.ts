import { LAB_SELF_TESTS_QUEUE, selfTestJobId, type SelfTestJob } from '@socklab/contracts';

import type { PrismaClient, Tx } from '../client';
import { DbError } from '../errors';
import type { Prisma, SelfTest } from '../generated/prisma/client';
import type { TenantScope } from '../tenant-scope';

/** Self-test states in which a runner may (still) be working on it. */
const UNFINISHED = ['queued', 'running'] as const;

const asJson = (value: unknown) => value as Prisma.InputJsonValue;

/**
 * Self-tests of exercise versions and their lifecycle (queued → running → passed |
 * failed | error). Like runs, a self-test is stored with the outbox message that queues
 * it in one transaction, and every change after that is a compare-and-set on its status
 * and attempt, so a stale or duplicate job changes nothing.
 */
export class SelfTestRepo {
  constructor(private readonly prisma: PrismaClient) {}

  /** Stores a queued self-test of the version and its outbox message ("lab-self-tests"). */
  async request(
    scope: TenantScope,
    input: { exerciseVersionId: string; requestedById: string },
  ): Promise<{ selfTest: SelfTest; job: SelfTestJob }> {
    return this.prisma.$transaction(async (tx) => {
      const selfTest = await tx.selfTest.create({
        data: { tenantId: scope.tenantId, ...input, results: [] },
      });
      return { selfTest, job: await enqueue(tx, selfTest) };
    });
  }

  async get(scope: TenantScope, id: string): Promise<SelfTest> {
    const selfTest = await this.prisma.selfTest.findFirst({ where: { tenantId: scope.tenantId, id } });
    if (!selfTest) throw new DbError('self-test/not-found', `No self-test ${id} in this tenant.`);
    return selfTest;
  }

  /** Newest first. */
  listForVersion(scope: TenantScope, exerciseVersionId: string): Promise<SelfTest[]> {
    return this.prisma.selfTest.findMany({
      where: { tenantId: scope.tenantId, exerciseVersionId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
  }

  /**
   * A runner takes the self-test for the job of `attempt`: → running, results cleared.
   * A self-test already running under the same attempt is taken over: BullMQ hands a job
   * to a second worker only once the first lost it (stalled-job recovery).
   * @returns null when the job is not this self-test's current one (finished, or
   *   superseded by a later attempt): the job is then dropped.
   */
  async claim(scope: TenantScope, id: string, attempt: number, runnerId: string): Promise<SelfTest | null> {
    const { count } = await this.prisma.selfTest.updateMany({
      where: { tenantId: scope.tenantId, id, attempt, status: { in: [...UNFINISHED] } },
      data: { status: 'running', runnerId, startedAt: new Date(), results: [] },
    });
    return count === 1 ? this.get(scope, id) : null;
  }

  /** The results so far of a running self-test. @returns false when it is no longer this attempt's. */
  async recordProgress(scope: TenantScope, id: string, attempt: number, results: unknown[]): Promise<boolean> {
    const { count } = await this.prisma.selfTest.updateMany({
      where: { tenantId: scope.tenantId, id, attempt, status: 'running' },
      data: { results: asJson(results) },
    });
    return count === 1;
  }

  /** running → passed | failed with every solution's result. */
  finish(scope: TenantScope, id: string, attempt: number, outcome: { passed: boolean; results: unknown[] }): Promise<boolean> {
    return this.end(scope, id, attempt, {
      status: outcome.passed ? 'passed' : 'failed',
      results: asJson(outcome.results),
    });
  }

  /** → error: the self-test could not be carried out; it says nothing about the exercise. */
  fail(scope: TenantScope, id: string, attempt: number, error: { code: string; message: string; results?: unknown[] }): Promise<boolean> {
    return this.end(scope, id, attempt, {
      status: 'error',
      errorCode: error.code,
      errorMessage: error.message,
      ...(error.results ? { results: asJson(error.results) } : {}),
    });
  }

  /**
   * Hands an unfinished self-test back to the queue as a new attempt (its runner is
   * shutting down), with the outbox message of that attempt, in one transaction.
   * @returns null when `attempt` is no longer current or the self-test finished.
   */
  async requeue(scope: TenantScope, id: string, attempt: number): Promise<{ selfTest: SelfTest; job: SelfTestJob } | null> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.selfTest.updateMany({
        where: { tenantId: scope.tenantId, id, attempt, status: { in: [...UNFINISHED] } },
        data: { status: 'queued', attempt: { increment: 1 }, runnerId: null, startedAt: null, results: [], queuedAt: new Date() },
      });
      if (count !== 1) return null;
      const selfTest = await tx.selfTest.findFirstOrThrow({ where: { tenantId: scope.tenantId, id } });
      return { selfTest, job: await enqueue(tx, selfTest) };
    });
  }

  private async end(scope: TenantScope, id: string, attempt: number, data: Prisma.SelfTestUpdateManyMutationInput): Promise<boolean> {
    const { count } = await this.prisma.selfTest.updateMany({
      where: { tenantId: scope.tenantId, id, attempt, status: { in: [...UNFINISHED] } },
      data: { ...data, finishedAt: new Date() },
    });
    return count === 1;
  }
}

async function enqueue(tx: Tx, selfTest: SelfTest): Promise<SelfTestJob> {
  const job: SelfTestJob = { selfTestId: selfTest.id, tenantId: selfTest.tenantId, attempt: selfTest.attempt };
  await tx.outboxMessage.create({
    data: { tenantId: selfTest.tenantId, queue: LAB_SELF_TESTS_QUEUE, jobId: selfTestJobId(job), payload: job },
  });
  return job;
}
