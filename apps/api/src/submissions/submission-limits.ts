import { Inject, Injectable } from '@nestjs/common';
import { SUBMISSION_LIMITS, utf8Length } from '@socklab/contracts';
import type { Tx } from '@socklab/db';
import type { Principal } from '../auth/principal';
import { API_CONFIG, ApiConfig } from '../config/env';
import { AppError } from '../errors/app-error';

const LIVE_STATUSES = ['queued', 'building', 'running', 'grading'] as const;
const WINDOW_MS = 60_000;
/** A run takes seconds to tens of seconds; a client polling sooner only gets refused again. */
const INFLIGHT_RETRY_AFTER_S = 10;

/**
 * Refuses a body whose files hold more than SUBMISSION_LIMITS.maxTotalBytes with 413
 * `request/too-large` before any field-by-field validation (which reports the remaining
 * problems as 422 with their paths).
 */
export function assertSubmissionSize(body: unknown): void {
  const files = (body as { files?: unknown } | null)?.files;
  if (!Array.isArray(files)) return;
  const total = files.reduce<number>((sum, file) => {
    const content = (file as { content?: unknown } | null)?.content;
    return sum + (typeof content === 'string' ? utf8Length(content) : 0);
  }, 0);
  if (total > SUBMISSION_LIMITS.maxTotalBytes) {
    throw new AppError(
      'request/too-large',
      `The files hold ${total} bytes together; a submission may hold at most ${SUBMISSION_LIMITS.maxTotalBytes}.`,
      413,
      { limit: SUBMISSION_LIMITS.maxTotalBytes, got: total },
    );
  }
}

/**
 * Per-member limits that keep one person from filling the runners: at most
 * `maxSubmissionsPerMinute` submissions in any 60 s, and at most `maxInflightRuns` runs
 * not yet finished. Counted in PostgreSQL inside the transaction that stores the
 * submission: SubmissionQueue passes `assertMaySubmit` to RunRepo.createWithSubmission as
 * its admission check, which runs once that transaction has locked the member's
 * Membership row. A member's submissions are thus serialised from the check to their
 * commit, across API instances, and each check counts every submission admitted before
 * it: neither limit is exceeded however many requests race. Other members never wait.
 */
@Injectable()
export class SubmissionLimits {
  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  /**
   * Refuses with 429 `request/rate-limited` (Retry-After) when `principal` is at either
   * limit. `tx` must be the transaction that will store the submission, holding the
   * member's lock (call it from RunRepo.createWithSubmission's `admit`); `now` is read
   * once the lock is held.
   */
  async assertMaySubmit(tx: Tx, principal: Principal, now: Date = new Date()): Promise<void> {
    const { maxInflightRuns, maxSubmissionsPerMinute } = this.config.limits;
    const { tenantId, userId } = principal;
    const recent = await tx.submission.findMany({
      where: { tenantId, userId, createdAt: { gt: new Date(now.getTime() - WINDOW_MS) } },
      select: { createdAt: true },
      orderBy: { createdAt: 'desc' },
      take: maxSubmissionsPerMinute,
    });
    if (recent.length >= maxSubmissionsPerMinute) {
      const oldest = recent[recent.length - 1].createdAt.getTime();
      throw AppError.rateLimited(
        `You may submit at most ${maxSubmissionsPerMinute} times a minute.`,
        (oldest + WINDOW_MS - now.getTime()) / 1000,
        { limit: maxSubmissionsPerMinute, windowSeconds: WINDOW_MS / 1000 },
      );
    }
    // Regrades an instructor queued are not the learner's doing: they do not count.
    const inflight = await tx.run.count({
      where: { tenantId, status: { in: [...LIVE_STATUSES] }, regradeOfId: null, submission: { tenantId, userId } },
    });
    if (inflight >= maxInflightRuns) {
      throw AppError.rateLimited(
        `You have ${inflight} runs queued or running (at most ${maxInflightRuns}); wait for one to finish or cancel one.`,
        INFLIGHT_RETRY_AFTER_S,
        { limit: maxInflightRuns, inflight },
      );
    }
  }
}
