import { Inject, Injectable } from '@nestjs/common';
import {
  AuditRepo,
  ExerciseRepo,
  PrismaClient,
  type Exercise,
  type ExerciseVersion,
  type VersionContent,
} from '@socklab/db';
import type { ExerciseSpec } from '@socklab/exercise';
import { auditActor, type Principal } from '../auth/principal';
import { PRISMA } from '../database/database.module';
import { AppError } from '../errors/app-error';
import { visibleExercises, visibleVersions } from './exercise-access';
import {
  toExerciseDetail,
  toExerciseSummary,
  type ExerciseDetail,
  type ExerciseSummary,
} from './exercise-views';

export interface PublishedExercise {
  exercise: ExerciseSummary;
  /** The version holding this spec. */
  version: { id: string; version: number; createdAt: Date };
  /** False when the spec equals an existing version (which is returned instead). */
  created: boolean;
}

@Injectable()
export class ExercisesService {
  private readonly exercises: ExerciseRepo;
  private readonly audit: AuditRepo;

  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {
    this.exercises = new ExerciseRepo(prisma);
    this.audit = new AuditRepo(prisma);
  }

  async list(principal: Principal): Promise<ExerciseSummary[]> {
    const rows = await this.prisma.exercise.findMany({
      where: visibleExercises(principal),
      include: { versions: { where: visibleVersions(principal), orderBy: { version: 'desc' }, take: 1 } },
      orderBy: { slug: 'asc' },
    });
    return rows.map(({ versions, ...exercise }) => toExerciseSummary(exercise, versions[0] ?? null));
  }

  async get(principal: Principal, id: string): Promise<ExerciseDetail> {
    const { exercise, latest } = await this.findVisible(principal, id);
    return toExerciseDetail(exercise, latest, principal);
  }

  /**
   * The exercise and the newest version `principal` may see (visibleVersions: staff the
   * latest, learners the latest published to them), if they may see the exercise; 404
   * otherwise.
   */
  async findVisible(
    principal: Principal,
    id: string,
  ): Promise<{ exercise: Exercise; latest: ExerciseVersion }> {
    const row = await this.prisma.exercise.findFirst({
      where: { AND: [visibleExercises(principal), { id }] },
      include: { versions: { where: visibleVersions(principal), orderBy: { version: 'desc' }, take: 1 } },
    });
    const latest = row?.versions[0];
    if (!row || !latest) throw AppError.notFound('exercise/not-found', `No exercise ${id} in this tenant.`);
    const { versions: _, ...exercise } = row;
    return { exercise, latest };
  }

  /**
   * Creates the exercise named by `metadata.id` if the tenant has none, and adds the spec
   * (with the statement, starters and solutions of an uploaded folder) as its next
   * version unless a version with identical content exists. Built-ins are read-only.
   * `source` is recorded in the audit log.
   */
  async publish(
    principal: Principal,
    spec: ExerciseSpec,
    content: VersionContent = {},
    source: 'spec' | 'folder' | 'zip' = 'spec',
  ): Promise<PublishedExercise> {
    const scope = { tenantId: principal.tenantId };
    const { id: slug, title } = spec.metadata;
    let exercise = await this.exercises.findBySlug(scope, slug);
    if (exercise?.builtin) {
      throw AppError.conflict(
        'exercise/builtin-read-only',
        `"${slug}" is a built-in exercise; give your copy another metadata.id.`,
      );
    }
    exercise ??= await this.exercises.create(scope, { slug, title });
    const before = await this.exercises.latestVersion(scope, exercise.id);
    const version = await this.exercises.publishVersion(
      scope,
      exercise.id,
      JSON.parse(JSON.stringify(spec)),
      content,
    );
    const created = version.version > (before?.version ?? 0);
    if (exercise.title !== title)
      exercise = await this.prisma.exercise.update({ where: { id: exercise.id }, data: { title } });
    if (created) {
      await this.audit.record(scope, {
        action: 'exercise.version.create',
        ...auditActor(principal),
        targetType: 'exercise',
        targetId: exercise.id,
        data: { version: version.version, contentHash: version.contentHash, source },
      });
    }
    return {
      exercise: toExerciseSummary(exercise, created ? version : before),
      version: { id: version.id, version: version.version, createdAt: version.createdAt },
      created,
    };
  }
}
