import type { Tx } from '../../src/client';
import { RunRepo } from '../../src/repos/run-repo';
import { UserRepo } from '../../src/repos/user-repo';
import { FILES, openHarness, seedTenant, type Harness, type TenantFixture } from './fixtures';

class Full extends Error {}

describe('RunRepo.createWithSubmission admission check', () => {
  let h: Harness;
  let t: TenantFixture;
  let otherId: string;
  let runs: RunRepo;

  beforeAll(async () => {
    h = await openHarness();
    t = await seedTenant(h.prisma, 'admit');
    const users = new UserRepo(h.prisma);
    const other = await users.create({ email: 'other@admit.test', passwordHash: 'x', displayName: 'Other' });
    await users.addMember(t.scope, other.id, 'learner');
    otherId = other.id;
    runs = new RunRepo(h.prisma);
  });
  afterAll(() => h?.close());

  /** Admits a submission of `userId` while they have fewer than `max` stored, counting with `tx`. */
  const atMost = (userId: string, max: number) => async (tx: Tx) => {
    const stored = await tx.submission.count({ where: { tenantId: t.scope.tenantId, userId } });
    if (stored >= max) throw new Full();
  };
  const create = (userId: string, admit: (tx: Tx) => Promise<void>) =>
    runs.createWithSubmission(
      t.scope,
      { userId, exerciseVersionId: t.exerciseVersionId, language: 'c', files: FILES },
      { admit },
    );

  it('runs under the member’s lock: of 6 simultaneous submissions capped at 2, exactly 2 are stored, with their runs and outbox messages', async () => {
    const [mine, theirs] = await Promise.all([
      Promise.allSettled(Array.from({ length: 6 }, () => create(t.learnerId, atMost(t.learnerId, 2)))),
      Promise.allSettled(Array.from({ length: 2 }, () => create(otherId, atMost(otherId, 2)))),
    ]);
    const refused = mine.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    expect(refused).toEqual(Array(4).fill(expect.any(Full)));
    expect(theirs.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
    const where = { tenantId: t.scope.tenantId, userId: t.learnerId };
    expect(await h.prisma.submission.count({ where })).toBe(2);
    expect(await h.prisma.run.count({ where: { submission: where } })).toBe(2);
    expect(await h.prisma.outboxMessage.count({ where: { tenantId: t.scope.tenantId } })).toBe(4);
  });

  it('stores nothing when the check refuses', async () => {
    const before = await h.prisma.submission.count();
    await expect(create(otherId, atMost(otherId, 0))).rejects.toBeInstanceOf(Full);
    expect(await h.prisma.submission.count()).toBe(before);
  });
});
