import type { PrismaClient, Tx } from '../client';
import { contentHash } from '../content-hash';
import { DbError } from '../errors';
import type { Exercise, ExerciseVersion, Prisma } from '../generated/prisma/client';
import { conflictAs } from '../prisma-errors';
import type { TenantScope } from '../tenant-scope';

/** The starting files of one language, as the learner gets them. */
export interface StarterFileSet {
  language: string;
  /** `name` is relative and '/'-separated. */
  files: { name: string; content: string }[];
}

/**
 * The solutions of an exercise folder (solutions/reference/<lang>/…,
 * solutions/faulty/<name>/<lang>/…), as a version stores them for its self-test. Learners
 * never see them. `mustFail` repeats the spec's faultySolutions entry.
 */
export interface StoredSolutions {
  reference: StarterFileSet[];
  faulty: { name: string; description: string; mustFail: string[]; sources: StarterFileSet[] }[];
}

/** What a version holds besides its spec. */
export interface VersionContent {
  /** Markdown; '' or absent for a bare spec. */
  statement?: string;
  starters?: StarterFileSet[];
  /** Absent for a bare spec or a built-in: such a version cannot be self-tested. */
  solutions?: StoredSolutions | null;
}

export interface BuiltinExercise extends VersionContent {
  slug: string;
  title: string;
  spec: Prisma.InputJsonValue;
}

/**
 * Identity of a version's content. A bare spec (no statement, no starter) hashes as the
 * spec alone, as versions did before statements and starters were stored, so publishing
 * an unchanged bare spec still finds its old version; likewise solutions enter the hash
 * only when there are some, so versions stored before solutions keep their hash.
 */
export function versionContentHash(spec: Prisma.InputJsonValue, content: VersionContent = {}): string {
  const statement = content.statement ?? '';
  const starters = content.starters ?? [];
  const solutions = content.solutions ?? null;
  if (solutions) return contentHash({ spec, statement, starters, solutions });
  if (statement === '' && starters.length === 0) return contentHash(spec);
  return contentHash({ spec, statement, starters });
}

/**
 * Exercises and their immutable versions. A version is identified by the content hash
 * of its content (spec, statement, starters, solutions): publishing the same content
 * again returns the existing version.
 */
export class ExerciseRepo {
  constructor(private readonly prisma: PrismaClient) {}

  create(scope: TenantScope, input: { slug: string; title: string }): Promise<Exercise> {
    return conflictAs(`An exercise with slug "${input.slug}" already exists in this tenant.`, () =>
      this.prisma.exercise.create({ data: { ...input, tenantId: scope.tenantId } }),
    );
  }

  async get(scope: TenantScope, id: string): Promise<Exercise> {
    const exercise = await this.prisma.exercise.findFirst({ where: { tenantId: scope.tenantId, id } });
    if (!exercise) throw new DbError('exercise/not-found', `No exercise ${id} in this tenant.`);
    return exercise;
  }

  findBySlug(scope: TenantScope, slug: string): Promise<Exercise | null> {
    return this.prisma.exercise.findUnique({ where: { tenantId_slug: { tenantId: scope.tenantId, slug } } });
  }

  list(scope: TenantScope, options: { includeArchived?: boolean } = {}): Promise<Exercise[]> {
    return this.prisma.exercise.findMany({
      where: { tenantId: scope.tenantId, ...(options.includeArchived ? {} : { archivedAt: null }) },
      orderBy: { slug: 'asc' },
    });
  }

  /** Adds a version of an authored exercise; refuses built-ins ('exercise/builtin-read-only'). */
  async publishVersion(scope: TenantScope, exerciseId: string, spec: Prisma.InputJsonValue, content: VersionContent = {}): Promise<ExerciseVersion> {
    return this.prisma.$transaction(async (tx) => {
      const exercise = await lockExercise(tx, scope, exerciseId);
      if (exercise.builtin) {
        throw new DbError('exercise/builtin-read-only', `Exercise "${exercise.slug}" is built in; copy it to a new exercise to change it.`);
      }
      return addVersion(tx, scope, exerciseId, spec, content);
    });
  }

  /**
   * Installs or updates one built-in exercise in a tenant; idempotent. A new version is
   * added only when the content hash (spec, statement, starters) is new.
   */
  async installBuiltin(scope: TenantScope, builtin: BuiltinExercise): Promise<ExerciseVersion> {
    return this.prisma.$transaction(async (tx) => {
      const exercise = await tx.exercise.upsert({
        where: { tenantId_slug: { tenantId: scope.tenantId, slug: builtin.slug } },
        create: { tenantId: scope.tenantId, slug: builtin.slug, title: builtin.title, builtin: true },
        update: { title: builtin.title },
      });
      if (!exercise.builtin) {
        throw new DbError('db/conflict', `Tenant already has an authored exercise with the built-in slug "${builtin.slug}".`);
      }
      await lockExercise(tx, scope, exercise.id);
      const { spec, statement, starters } = builtin;
      return addVersion(tx, scope, exercise.id, spec, { statement, starters });
    });
  }

  async getVersion(scope: TenantScope, versionId: string): Promise<ExerciseVersion & { exercise: Exercise }> {
    const version = await this.prisma.exerciseVersion.findFirst({ where: { tenantId: scope.tenantId, id: versionId }, include: { exercise: true } });
    if (!version) throw new DbError('exercise/not-found', `No exercise version ${versionId} in this tenant.`);
    return version;
  }

  latestVersion(scope: TenantScope, exerciseId: string): Promise<ExerciseVersion | null> {
    return this.prisma.exerciseVersion.findFirst({ where: { tenantId: scope.tenantId, exerciseId }, orderBy: { version: 'desc' } });
  }

  listVersions(scope: TenantScope, exerciseId: string): Promise<ExerciseVersion[]> {
    return this.prisma.exerciseVersion.findMany({ where: { tenantId: scope.tenantId, exerciseId }, orderBy: { version: 'asc' } });
  }
}

/** Serialises version numbering per exercise: row lock on the exercise. */
async function lockExercise(tx: Tx, scope: TenantScope, exerciseId: string): Promise<Exercise> {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Exercise" WHERE "tenantId" = ${scope.tenantId}::uuid AND id = ${exerciseId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw new DbError('exercise/not-found', `No exercise ${exerciseId} in this tenant.`);
  return tx.exercise.findUniqueOrThrow({ where: { id: exerciseId } });
}

async function addVersion(tx: Tx, scope: TenantScope, exerciseId: string, spec: Prisma.InputJsonValue, content: VersionContent): Promise<ExerciseVersion> {
  const hash = versionContentHash(spec, content);
  const existing = await tx.exerciseVersion.findUnique({
    where: { tenantId_exerciseId_contentHash: { tenantId: scope.tenantId, exerciseId, contentHash: hash } },
  });
  if (existing) return existing;
  const latest = await tx.exerciseVersion.aggregate({ where: { tenantId: scope.tenantId, exerciseId }, _max: { version: true } });
  return tx.exerciseVersion.create({
    data: {
      tenantId: scope.tenantId,
      exerciseId,
      version: (latest._max.version ?? 0) + 1,
      spec,
      contentHash: hash,
      statement: content.statement ?? '',
      starterFiles: (content.starters ?? []) as unknown as Prisma.InputJsonValue,
      ...(content.solutions ? { solutions: content.solutions as unknown as Prisma.InputJsonValue } : {}),
    },
  });
}
