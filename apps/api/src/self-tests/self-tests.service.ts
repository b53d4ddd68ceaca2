import { Inject, Injectable } from '@nestjs/common';
import { AuditRepo, PrismaClient, SelfTestRepo } from '@socklab/db';
import { auditActor, type Principal } from '../auth/principal';
import { API_CONFIG, ApiConfig } from '../config/env';
import { PRISMA } from '../database/database.module';
import { AppError } from '../errors/app-error';
import { findStaffVersion } from '../exercises/versions/staff-version';
import { storedSolutionsOf } from '../exercises/versions/version-views';
import { addLogContext } from '../logging/log-context';
import { OutboxPublisher } from '../queue/outbox-publisher';
import { toSelfTestView, type SelfTestView } from './self-test-views';

/** A self-test of a few solutions takes a minute or so; sooner only gets refused again. */
const RETRY_AFTER_S = 30;

/**
 * Self-tests of exercise versions, for the staff of their tenant. Requesting one stores
 * it with its outbox message (SelfTestRepo.request) and nudges the relay; a runner does
 * the work (queue "lab-self-tests") and writes each solution's result as it finishes.
 */
@Injectable()
export class SelfTestsService {
  private readonly selfTests: SelfTestRepo;
  private readonly audit: AuditRepo;

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly publisher: OutboxPublisher,
  ) {
    this.selfTests = new SelfTestRepo(prisma);
    this.audit = new AuditRepo(prisma);
  }

  /**
   * Queues a self-test of the version, or returns the one already queued or running
   * (`created: false`). 409 `self-test/no-solutions` for a version without solutions;
   * 429 when the tenant already has SOCKLAB_MAX_SELF_TESTS self-tests unfinished.
   */
  async request(
    principal: Principal,
    exerciseId: string,
    versionNumber: number,
  ): Promise<{ selfTest: SelfTestView; created: boolean }> {
    const version = await findStaffVersion(this.prisma, principal, exerciseId, versionNumber);
    if (!storedSolutionsOf(version)) {
      throw AppError.conflict(
        'self-test/no-solutions',
        version.exercise.builtin
          ? `"${version.exercise.slug}" is built in: the pack's own self-test proves it; there is nothing here to run.`
          : `Version ${version.version} of "${version.exercise.slug}" was published as a bare exercise.yaml, without solutions; ` +
              'upload the whole folder (POST /api/v1/exercises/zip or /folder) to self-test it.',
      );
    }
    const scope = { tenantId: principal.tenantId };
    const unfinished = await this.prisma.selfTest.findFirst({
      where: { ...scope, exerciseVersionId: version.id, status: { in: ['queued', 'running'] } },
      orderBy: { createdAt: 'desc' },
    });
    if (unfinished) return { selfTest: toSelfTestView(unfinished, version), created: false };
    const inflight = await this.prisma.selfTest.count({ where: { ...scope, status: { in: ['queued', 'running'] } } });
    const limit = this.config.limits.maxInflightSelfTests;
    if (inflight >= limit) {
      throw AppError.rateLimited(
        `This tenant has ${inflight} self-tests queued or running (at most ${limit}); wait for one to finish.`,
        RETRY_AFTER_S,
        { limit, inflight },
      );
    }
    const { selfTest } = await this.selfTests.request(scope, {
      exerciseVersionId: version.id,
      requestedById: principal.userId,
    });
    addLogContext({ selfTestId: selfTest.id });
    this.publisher.kick();
    await this.audit.record(scope, {
      action: 'exercise.self-test.request',
      ...auditActor(principal),
      targetType: 'exercise',
      targetId: version.exerciseId,
      data: { version: version.version, selfTestId: selfTest.id },
    });
    return { selfTest: toSelfTestView(selfTest, version), created: true };
  }

  /** Newest first. */
  async list(principal: Principal, exerciseId: string, versionNumber: number): Promise<SelfTestView[]> {
    const version = await findStaffVersion(this.prisma, principal, exerciseId, versionNumber);
    const rows = await this.selfTests.listForVersion({ tenantId: principal.tenantId }, version.id);
    return rows.map((row) => toSelfTestView(row, version));
  }

  async get(principal: Principal, exerciseId: string, versionNumber: number, id: string): Promise<SelfTestView> {
    const version = await findStaffVersion(this.prisma, principal, exerciseId, versionNumber);
    const row = await this.prisma.selfTest.findFirst({
      where: { tenantId: principal.tenantId, exerciseVersionId: version.id, id },
    });
    if (!row) throw AppError.notFound('self-test/not-found', `No self-test ${id} of this version.`);
    return toSelfTestView(row, version);
  }
}
