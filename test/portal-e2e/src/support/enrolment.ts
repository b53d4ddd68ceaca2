import { CourseRepo, createPrismaClient } from '@socklab/db';

/**
 * Enrols a member in a course of their tenant straight in the database, with the repository
 * the API's own tests use (apps/api/test/support/test-api.ts): the API has no enrolment
 * route yet. @returns the enrolled user's id.
 */
export async function enrolInDatabase(
  databaseUrl: string,
  where: { tenantSlug: string; courseName: string; email: string },
): Promise<string> {
  const prisma = createPrismaClient(databaseUrl, { maxConnections: 1 });
  try {
    const tenant = await prisma.tenant.findUniqueOrThrow({ where: { slug: where.tenantSlug } });
    const course = await prisma.course.findFirstOrThrow({ where: { tenantId: tenant.id, title: where.courseName } });
    const user = await prisma.user.findUniqueOrThrow({ where: { email: where.email } });
    await new CourseRepo(prisma).enroll({ tenantId: tenant.id }, course.id, user.id);
    return user.id;
  } finally {
    await prisma.$disconnect();
  }
}
