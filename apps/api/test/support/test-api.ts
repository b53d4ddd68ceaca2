import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { parseExerciseSpec } from '@socklab/exercise';
import {
  createTestDatabase,
  CourseRepo,
  ExerciseRepo,
  UserRepo,
  type PrismaClient,
  type TestDatabase,
} from '@socklab/db';
import type { App } from 'supertest/types';
import request from 'supertest';
import Redis from 'ioredis';
import { hashPassword } from '../../src/auth/passwords';
import type { Role } from '../../src/auth/principal';
import { bootstrapTenant, type BootstrappedTenant } from '../../src/bootstrap';
import { loadApiConfig, type ApiConfig } from '../../src/config/env';
import { createApiApp } from '../../src/create-app';
import { PRISMA } from '../../src/database/database.module';
import { LAB_RUNS, type LabRunsQueue } from '../../src/queue/lab-runs-queue';
import { exerciseYaml } from './exercise-yaml';

const REDIS_URL = 'redis://127.0.0.1:6379';
export const PASSWORD = 'correct horse battery staple';

/**
 * One API process for one test file: a fresh database (migrated by the app at boot), a
 * BullMQ prefix of its own, the periodic relay and reconciler off (tests drive them).
 */
export interface TestApi {
  app: INestApplication;
  http: App;
  prisma: PrismaClient;
  queue: LabRunsQueue;
  config: ApiConfig;
  close(): Promise<void>;
}

/** `logger` receives the app's log (silent by default). */
export async function startTestApi(
  env: Record<string, string> = {},
  options: { logger?: LoggerService } = {},
): Promise<TestApi> {
  const database: TestDatabase = await createTestDatabase({ migrated: false });
  const prefix = `socklab-test-${randomBytes(6).toString('hex')}`;
  const config = loadApiConfig({
    DATABASE_URL: database.url,
    REDIS_URL,
    SOCKLAB_QUEUE_PREFIX: prefix,
    // Run event streams live under the same prefix, so close() removes them too.
    SOCKLAB_EVENTS_PREFIX: `${prefix}:events:`,
    SOCKLAB_SESSION_SECRET: randomBytes(32).toString('hex'),
    SOCKLAB_OUTBOX_INTERVAL_MS: '0',
    SOCKLAB_RECONCILE_INTERVAL_MS: '0',
    SOCKLAB_RECONCILE_GRACE_MS: '0',
    ...env,
  });
  let app: INestApplication | undefined;
  try {
    app = await createApiApp(config, { probes: [], logger: options.logger ?? false });
    await app.init();
  } catch (error) {
    await app?.close();
    await database.drop();
    throw error;
  }
  const queue = app.get<LabRunsQueue>(LAB_RUNS);
  return {
    app,
    http: app.getHttpServer() as App,
    prisma: app.get<PrismaClient>(PRISMA),
    queue,
    config,
    close: async () => {
      await queue.obliterate({ force: true }).catch(() => undefined);
      await app.close();
      await deleteKeys(`${prefix}:*`);
      await database.drop();
    },
  };
}

/** Removes whatever this test's prefix left in Redis (SCAN + DEL, never FLUSH). */
async function deleteKeys(pattern: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export interface Member {
  userId: string;
  email: string;
  role: Role;
  token: string;
}

export interface World {
  tenant: BootstrappedTenant['tenant'];
  owner: Member;
  ownerApiToken: string;
  instructor: Member;
  learner: Member;
  otherLearner: Member;
  /** Built-in: every learner sees it. */
  builtinExerciseId: string;
  /** Authored, assigned to a course `learner` and `otherLearner` are enrolled in. */
  assignedExerciseId: string;
  /** Authored, in no course: staff only. */
  draftExerciseId: string;
}

export async function login(
  api: TestApi,
  email: string,
  password = PASSWORD,
  tenant?: string,
): Promise<string> {
  const res = await request(api.http)
    .post('/api/v1/auth/login')
    .send({ email, password, tenant })
    .expect(200);
  return res.body.token as string;
}

export async function addMember(api: TestApi, tenantId: string, email: string, role: Role): Promise<Member> {
  const users = new UserRepo(api.prisma);
  const user =
    (await users.findByEmail(email)) ??
    (await users.create({ email, passwordHash: await hashPassword(PASSWORD), displayName: email }));
  await users.addMember({ tenantId }, user.id, role);
  const tenant = await api.prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } });
  return { userId: user.id, email, role, token: await login(api, email, PASSWORD, tenant.slug) };
}

/** The stored (JSON) spec of a minimal valid exercise with this id. */
export function exerciseSpec(id: string) {
  const result = parseExerciseSpec(exerciseYaml({ id }));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return JSON.parse(JSON.stringify(result.value));
}

/** A tenant with an owner, an instructor, two learners, and three exercises. */
export async function createWorld(api: TestApi, name: string): Promise<World> {
  const boot = await bootstrapTenant(api.prisma, { tenantName: name, email: `owner@${name}.test` });
  const tenantId = boot.tenant.id;
  const scope = { tenantId };
  const owner: Member = {
    userId: boot.owner.id,
    email: boot.owner.email,
    role: 'owner',
    token: await login(api, boot.owner.email, boot.owner.password),
  };
  const instructor = await addMember(api, tenantId, `instructor@${name}.test`, 'instructor');
  const learner = await addMember(api, tenantId, `learner@${name}.test`, 'learner');
  const otherLearner = await addMember(api, tenantId, `other@${name}.test`, 'learner');

  const exercises = new ExerciseRepo(api.prisma);
  const builtin = await exercises.installBuiltin(scope, {
    slug: 'echo-builtin',
    title: 'Built-in echo',
    spec: exerciseSpec('echo-builtin'),
  });
  const assigned = await exercises.create(scope, { slug: 'echo-assigned', title: 'Assigned echo' });
  const assignedVersion = await exercises.publishVersion(scope, assigned.id, exerciseSpec('echo-assigned'));
  const draft = await exercises.create(scope, { slug: 'echo-draft', title: 'Draft echo' });
  await exercises.publishVersion(scope, draft.id, exerciseSpec('echo-draft'));

  const courses = new CourseRepo(api.prisma);
  const course = await courses.create(scope, { title: 'Sockets 101' });
  await courses.enroll(scope, course.id, learner.userId);
  await courses.enroll(scope, course.id, otherLearner.userId);
  await courses.assign(scope, {
    courseId: course.id,
    exerciseVersionId: assignedVersion.id,
    title: 'Week 1',
  });

  return {
    tenant: boot.tenant,
    owner,
    ownerApiToken: boot.apiToken.token,
    instructor,
    learner,
    otherLearner,
    builtinExerciseId: builtin.exerciseId,
    assignedExerciseId: assigned.id,
    draftExerciseId: draft.id,
  };
}

export const bearer = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];

export const smallSubmission = {
  language: 'python',
  files: [{ name: 'server.py', content: 'print("hi")\n' }],
};

/** Submits `smallSubmission` to an exercise as `token`'s member; @returns the new run's id. */
export async function submitRun(api: TestApi, token: string, exerciseId: string): Promise<string> {
  const res = await request(api.http)
    .post(`/api/v1/exercises/${exerciseId}/submissions`)
    .set(...bearer(token))
    .send(smallSubmission)
    .expect(202);
  return res.body.runId as string;
}

/** Polls until `probe` returns a value other than undefined/null, or fails after `ms`. */
export async function eventually<T>(probe: () => Promise<T | null | undefined>, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
