import type { SelfTestStatus } from '@socklab/contracts';
import type { SelfTest, StarterFileSet, StoredSolutions } from '@socklab/db';
import type { StaffVersion } from './staff-version';

/** Staff-only views of exercise versions: they name the solutions, which learners never see. */
export interface ExerciseVersionSummary {
  id: string;
  exerciseId: string;
  version: number;
  contentHash: string;
  createdAt: Date;
  /**
   * Which solutions the version holds: reference languages and faulty solutions with
   * theirs. Null for a bare-spec or built-in version, which cannot be self-tested.
   */
  solutions: { reference: string[]; faulty: { name: string; languages: string[] }[] } | null;
  /** The newest self-test of the version, if any. */
  latestSelfTest: { id: string; status: SelfTestStatus; createdAt: Date; finishedAt: Date | null } | null;
}

export interface ExerciseVersionDetail extends ExerciseVersionSummary {
  spec: unknown;
  statement: string;
  starters: StarterFileSet[];
  /** Every solution file. */
  solutionFiles: StoredSolutions | null;
}

export function storedSolutionsOf(version: Pick<StaffVersion, 'solutions'>): StoredSolutions | null {
  const value = version.solutions as StoredSolutions | null;
  return value && Array.isArray(value.reference) && Array.isArray(value.faulty) ? value : null;
}

export function toVersionSummary(version: StaffVersion, latest: SelfTest | null): ExerciseVersionSummary {
  const solutions = storedSolutionsOf(version);
  return {
    id: version.id,
    exerciseId: version.exerciseId,
    version: version.version,
    contentHash: version.contentHash,
    createdAt: version.createdAt,
    solutions: solutions && {
      reference: solutions.reference.map((tree) => tree.language),
      faulty: solutions.faulty.map((f) => ({ name: f.name, languages: f.sources.map((tree) => tree.language) })),
    },
    latestSelfTest: latest && {
      id: latest.id,
      status: latest.status,
      createdAt: latest.createdAt,
      finishedAt: latest.finishedAt,
    },
  };
}

export function toVersionDetail(version: StaffVersion, latest: SelfTest | null): ExerciseVersionDetail {
  return {
    ...toVersionSummary(version, latest),
    spec: version.spec,
    statement: version.statement,
    starters: Array.isArray(version.starterFiles) ? (version.starterFiles as unknown as StarterFileSet[]) : [],
    solutionFiles: storedSolutionsOf(version),
  };
}
