/**
 * The people and the exercise the end-to-end tests use, in the tenant `socklab serve`
 * bootstrapped: an instructor and two learners added with `socklab admin add-member` (the
 * command a newcomer uses), signed in over HTTP; and the built-in half-close-echo
 * exercise installed into the tenant the way built-ins are (ExerciseRepo.installBuiltin).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { createPrismaClient, ExerciseRepo } from '@socklab/db';
import { loadPackExercise } from '@socklab/pack';
import type { LoadedExercise } from '@socklab/exercise';
import { ApiClient, login } from './http-client';
import { REPO_ROOT, type ServeStatus } from './serve-process';

const run = promisify(execFile);

export const EXERCISE_ID = 'half-close-echo';

export interface Member {
  email: string;
  userId: string;
  api: ApiClient;
}

export interface World {
  origin: string;
  owner: ApiClient;
  instructor: Member;
  learner: Member;
  otherLearner: Member;
  exercise: LoadedExercise;
  /** The exercise's id in the tenant (what /api/v1/exercises/{id} takes). */
  exerciseId: string;
}

export async function createWorld(status: ServeStatus, env: NodeJS.ProcessEnv): Promise<World> {
  const credentials = status.credentials;
  if (!credentials) throw new Error('serve printed no credentials');
  const slug = credentials.tenant.slug;
  const member = async (email: string, role: string): Promise<Member> => {
    const { stdout } = await run(
      process.execPath,
      [
        path.join(REPO_ROOT, 'apps/cli/bin/socklab.js'),
        'admin',
        'add-member',
        '--tenant',
        slug,
        '--email',
        email,
        '--role',
        role,
      ],
      { cwd: REPO_ROOT, env: { ...process.env, ...env } },
    );
    const added = JSON.parse(stdout) as { user: { id: string; email: string; password: string } };
    const token = await login(status.url, email, added.user.password);
    return { email, userId: added.user.id, api: new ApiClient(status.url, token) };
  };
  const [instructor, learner, otherLearner] = await Promise.all([
    member('instructor@e2e.test', 'instructor'),
    member('ann@e2e.test', 'learner'),
    member('bob@e2e.test', 'learner'),
  ]);

  const loaded = await loadPackExercise(EXERCISE_ID);
  if (!loaded.ok) throw new Error(`pack exercise ${EXERCISE_ID}: ${JSON.stringify(loaded.errors)}`);
  const prisma = createPrismaClient(String(env['DATABASE_URL']), { maxConnections: 1 });
  try {
    const version = await new ExerciseRepo(prisma).installBuiltin(
      { tenantId: credentials.tenant.id },
      {
        slug: EXERCISE_ID,
        title: loaded.value.spec.metadata.title,
        spec: JSON.parse(JSON.stringify(loaded.value.spec)),
      },
    );
    return {
      origin: status.url,
      owner: new ApiClient(status.url, credentials.apiToken.token),
      instructor,
      learner,
      otherLearner,
      exercise: loaded.value,
      exerciseId: version.exerciseId,
    };
  } finally {
    await prisma.$disconnect();
  }
}
