import type { ExerciseSpec } from '@socklab/exercise';
import type { Exercise, ExerciseVersion, StarterFileSet } from '@socklab/db';
import { isStaff, type Principal } from '../auth/principal';

export interface ExerciseSummary {
  id: string;
  slug: string;
  title: string;
  builtin: boolean;
  summary: string | null;
  difficulty: string | null;
  languages: string[];
  latestVersion: { id: string; version: number; createdAt: Date } | null;
}

export interface ExerciseDetail extends ExerciseSummary {
  /** Staff: the whole spec. Learners: the statement (see learnerStatement). */
  spec: unknown;
  /** The latest version's statement (Markdown); '' when it was published as a bare spec. */
  statement: string;
  /** The latest version's starting files, per language. */
  starters: StarterFileSet[];
}

/** Specs are stored as validated by @socklab/exercise; read them defensively all the same. */
function specOf(version: ExerciseVersion | null): Partial<ExerciseSpec> {
  const spec = version?.spec;
  return spec && typeof spec === 'object' && !Array.isArray(spec) ? (spec as Partial<ExerciseSpec>) : {};
}

export function toExerciseSummary(exercise: Exercise, latest: ExerciseVersion | null): ExerciseSummary {
  const spec = specOf(latest);
  return {
    id: exercise.id,
    slug: exercise.slug,
    title: exercise.title,
    builtin: exercise.builtin,
    summary: spec.metadata?.summary ?? null,
    difficulty: spec.metadata?.difficulty ?? null,
    languages: Object.keys(spec.languages ?? {}),
    latestVersion: latest ? { id: latest.id, version: latest.version, createdAt: latest.createdAt } : null,
  };
}

export function toExerciseDetail(
  exercise: Exercise,
  latest: ExerciseVersion | null,
  viewer: Principal,
): ExerciseDetail {
  const spec = specOf(latest);
  return {
    ...toExerciseSummary(exercise, latest),
    spec: isStaff(viewer) ? spec : learnerStatement(spec),
    statement: latest?.statement ?? '',
    starters: Array.isArray(latest?.starterFiles) ? (latest.starterFiles as unknown as StarterFileSet[]) : [],
  };
}

/**
 * What a learner may read of a spec: metadata, languages, limits, what each scenario is
 * about, and the visible checks. Not the scenario scripts, the peers' behaviour, the
 * faulty-solution expectations, nor anything of a hidden check beyond its points.
 */
export function learnerStatement(spec: Partial<ExerciseSpec>): unknown {
  return {
    metadata: spec.metadata,
    languages: spec.languages,
    limits: spec.limits,
    scenarios: (spec.scenarios ?? []).map((s) => ({
      id: s.id,
      title: s.title,
      description: s.description ?? null,
    })),
    checks: (spec.checks ?? []).map((check) =>
      check.visibility === 'visible'
        ? {
            id: check.id,
            title: check.title,
            points: check.points,
            visibility: check.visibility,
            explanation: check.explanation,
          }
        : { points: check.points, visibility: check.visibility },
    ),
  };
}
