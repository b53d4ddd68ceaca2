import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { createPrismaClient, TenantRepo, UserRepo, type PrismaClient } from '@socklab/db';

export interface Member {
  email: string;
  password: string;
  displayName: string;
}

export interface Tenant {
  slug: string;
  name: string;
}

/** Two universities: A with an instructor and a learner, B with a learner of its own. */
export interface World {
  uniA: Tenant;
  uniB: Tenant;
  instructorA: Member;
  learnerA: Member;
  learnerB: Member;
}

/**
 * The people of the test, written straight into the database before the API starts
 * (the API installs the built-in exercise pack into every tenant when it starts).
 * Passwords are argon2id hashes, as the API stores them.
 */
export async function seedWorld(databaseUrl: string): Promise<World> {
  const prisma = createPrismaClient(databaseUrl, { maxConnections: 2 });
  try {
    const uniA = await tenant(prisma, 'uni-a', 'University A');
    const uniB = await tenant(prisma, 'uni-b', 'University B');
    return {
      uniA,
      uniB,
      instructorA: await member(prisma, uniA, 'instructor', 'Ines Instructor', 'instructor'),
      learnerA: await member(prisma, uniA, 'learner', 'Lea Learner', 'learner'),
      learnerB: await member(prisma, uniB, 'learner', 'Bo Learner', 'learner'),
    };
  } finally {
    await prisma.$disconnect();
  }
}

async function tenant(prisma: PrismaClient, slug: string, name: string): Promise<Tenant & { id: string }> {
  const created = await new TenantRepo(prisma).create({ slug, name });
  return { id: created.id, slug, name };
}

async function member(
  prisma: PrismaClient,
  tenant: Tenant & { id: string },
  local: string,
  displayName: string,
  role: 'instructor' | 'learner',
): Promise<Member> {
  const email = `${local}@${tenant.slug}.test`;
  const password = randomBytes(12).toString('base64url');
  const users = new UserRepo(prisma);
  const user = await users.create({ email, passwordHash: await hash(password), displayName });
  await users.addMember({ tenantId: tenant.id }, user.id, role);
  return { email, password, displayName };
}
