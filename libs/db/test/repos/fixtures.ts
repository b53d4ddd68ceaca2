import { randomBytes } from 'node:crypto';

import { createPrismaClient, type PrismaClient } from '../../src/client';
import { ExerciseRepo } from '../../src/repos/exercise-repo';
import { TenantRepo } from '../../src/repos/tenant-repo';
import { UserRepo } from '../../src/repos/user-repo';
import type { TenantScope } from '../../src/tenant-scope';
import { createTestDatabase, type TestDatabase } from '../../src/testing/test-database';

export interface Harness {
  db: TestDatabase;
  prisma: PrismaClient;
  close(): Promise<void>;
}

/** A migrated throwaway database and a client on it; `close()` disconnects and drops it. */
export async function openHarness(): Promise<Harness> {
  const db = await createTestDatabase();
  const prisma = createPrismaClient(db.url, { maxConnections: 4 });
  return {
    db,
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await db.drop();
    },
  };
}

export interface TenantFixture {
  scope: TenantScope;
  learnerId: string;
  exerciseVersionId: string;
}

/** A tenant with one learner and one published exercise version. */
export async function seedTenant(prisma: PrismaClient, label: string): Promise<TenantFixture> {
  const suffix = randomBytes(3).toString('hex');
  const tenant = await new TenantRepo(prisma).create({ slug: `${label}-${suffix}`, name: label });
  const scope = { tenantId: tenant.id };
  const users = new UserRepo(prisma);
  const learner = await users.create({ email: `learner-${suffix}@${label}.test`, passwordHash: 'x', displayName: 'Learner' });
  await users.addMember(scope, learner.id, 'learner');
  const exercises = new ExerciseRepo(prisma);
  const exercise = await exercises.create(scope, { slug: 'echo', title: 'Echo server' });
  const version = await exercises.publishVersion(scope, exercise.id, { port: 7000 });
  return { scope, learnerId: learner.id, exerciseVersionId: version.id };
}

export const FILES = [{ name: 'main.c', content: 'int main(void) { return 0; }' }];
