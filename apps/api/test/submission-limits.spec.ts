import type { PrismaClient } from '@socklab/db';
import request from 'supertest';
import {
  addMember,
  bearer,
  createWorld,
  eventually,
  smallSubmission,
  startTestApi,
  type Member,
  type TestApi,
  type World,
} from './support/test-api';

/**
 * A member's submission limits under concurrency: they are checked inside the transaction
 * that stores the submission, under the member's Membership row lock, so requests racing
 * for the last places cannot overshoot them, and other members never wait for that lock.
 */
describe('submission limits under concurrency', () => {
  const submit = (api: TestApi, member: Member, exerciseId: string) =>
    request(api.http)
      .post(`/api/v1/exercises/${exerciseId}/submissions`)
      .set(...bearer(member.token))
      .send(smallSubmission);

  /** `count` submissions of `member` sent at once. */
  const burst = (api: TestApi, member: Member, exerciseId: string, count: number) =>
    Promise.all(Array.from({ length: count }, () => submit(api, member, exerciseId)));

  const statuses = (responses: { status: number }[]) => responses.map((res) => res.status).sort();

  /** An API with these limits and a tenant in it, for one describe block. */
  function limitedApi(limits: { maxInflightRuns: number; maxSubmissionsPerMinute: number }) {
    const ctx = {} as { api: TestApi; world: World };
    beforeAll(async () => {
      ctx.api = await startTestApi({
        SOCKLAB_MAX_INFLIGHT_RUNS: String(limits.maxInflightRuns),
        SOCKLAB_MAX_SUBMISSIONS_PER_MINUTE: String(limits.maxSubmissionsPerMinute),
      });
      ctx.world = await createWorld(ctx.api, 'alpha');
    }, 60_000);
    afterAll(() => ctx.api?.close());
    return ctx;
  }

  /**
   * A new member fires `limit` + 3 submissions at once while `otherLearner` fires `limit`:
   * exactly `limit` of the member's are accepted, the other 3 refused with 429 and
   * `details`; all of otherLearner's are accepted. @returns the refusals.
   */
  async function race({ api, world }: { api: TestApi; world: World }, limit: number, details: object) {
    const racer = await addMember(api, world.tenant.id, 'racer@alpha.test', 'learner');
    const [mine, theirs] = await Promise.all([
      burst(api, racer, world.builtinExerciseId, limit + 3),
      burst(api, world.otherLearner, world.builtinExerciseId, limit),
    ]);
    expect(statuses(mine)).toEqual([...Array(limit).fill(202), 429, 429, 429]);
    const refused = mine.filter((res) => res.status === 429);
    for (const res of refused) {
      expect(res.body.error).toMatchObject({ code: 'request/rate-limited', details });
    }
    expect(statuses(theirs)).toEqual(Array(limit).fill(202));
    expect(await api.prisma.submission.count({ where: { userId: racer.userId } })).toBe(limit);
    return refused;
  }

  describe('runs in flight', () => {
    const MAX_INFLIGHT = 4;
    const ctx = limitedApi({ maxInflightRuns: MAX_INFLIGHT, maxSubmissionsPerMinute: 50 });

    it(`lets exactly ${MAX_INFLIGHT} of ${MAX_INFLIGHT + 3} simultaneous submissions through, refusing the rest with 429; another member racing them is not refused`, async () => {
      const refused = await race(ctx, MAX_INFLIGHT, { limit: MAX_INFLIGHT, inflight: MAX_INFLIGHT });
      for (const res of refused) expect(res.headers['retry-after']).toBe('10');
    });

    it('makes a member’s submission wait while their Membership row is locked, and only theirs', async () => {
      const { api, world } = ctx;
      const waiter = await addMember(api, world.tenant.id, 'waiter@alpha.test', 'learner');
      const lock = await holdMembershipLock(api.prisma, world.tenant.id, waiter.userId);
      let settled = false;
      const waiting = submit(api, waiter, world.builtinExerciseId).then((res) => {
        settled = true;
        return res;
      });
      try {
        await eventually(async () => ((await backendsWaitingOnLocks(api.prisma)) > 0 ? true : null), 2000);
        await submit(api, world.instructor, world.builtinExerciseId).expect(202);
        expect(settled).toBe(false);
      } finally {
        await lock.release();
      }
      expect((await waiting).status).toBe(202);
    });
  });

  describe('submissions per minute', () => {
    const PER_MINUTE = 4;
    const ctx = limitedApi({ maxInflightRuns: 50, maxSubmissionsPerMinute: PER_MINUTE });

    it(`lets exactly ${PER_MINUTE} of ${PER_MINUTE + 3} simultaneous submissions through, refusing the rest with 429; another member racing them is not refused`, async () => {
      const refused = await race(ctx, PER_MINUTE, { limit: PER_MINUTE, windowSeconds: 60 });
      for (const res of refused) {
        expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(50);
        expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
      }
    });
  });
});

/** Locks a member's Membership row as a submission does, in a transaction of its own, until released. */
async function holdMembershipLock(
  prisma: PrismaClient,
  tenantId: string,
  userId: string,
): Promise<{ release(): Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let granted!: () => void;
  const held = new Promise<void>((resolve) => (granted = resolve));
  const transaction = prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`
        SELECT 1 FROM "Membership" WHERE "tenantId" = ${tenantId}::uuid AND "userId" = ${userId}::uuid FOR NO KEY UPDATE`;
      granted();
      await released;
    },
    { timeout: 15_000 },
  );
  await Promise.race([held, transaction]);
  return {
    release: async () => {
      release();
      await transaction;
    },
  };
}

/** Backends of this test's database blocked on a lock (a row lock held by another transaction). */
async function backendsWaitingOnLocks(prisma: PrismaClient): Promise<number> {
  const [row] = await prisma.$queryRaw<{ waiting: number }[]>`
    SELECT count(*)::int AS waiting FROM pg_stat_activity
     WHERE datname = current_database() AND wait_event_type = 'Lock'`;
  return row.waiting;
}
