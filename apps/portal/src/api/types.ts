/**
 * What the portal reads of the API's responses (apps/api: auth, exercises, submissions,
 * runs). Dates arrive as ISO strings. The end-to-end tests exercise these against the
 * real API.
 */
import type { Language, RunStatus, SelfTestSolutionResult, SelfTestStatus } from '@socklab/contracts';

export type { SelfTestSolutionResult, SelfTestStatus };

export type Role = 'owner' | 'instructor' | 'learner';

export interface LoginResult {
  token: string;
  tokenType: 'Bearer';
  expiresAt: string;
  user: { id: string; email: string; displayName: string };
  tenant: { id: string; slug: string; name: string };
  role: Role;
}

export interface ExerciseSummary {
  id: string;
  slug: string;
  title: string;
  builtin: boolean;
  summary: string | null;
  difficulty: string | null;
  languages: string[];
  latestVersion: { id: string; version: number; createdAt: string } | null;
}

/** A check as a learner's statement lists it; hidden checks show their points only. */
export interface StatementCheck {
  id?: string;
  title?: string;
  points: number;
  visibility: 'visible' | 'hidden' | 'after-due';
  explanation?: string;
}

/** The part of a spec every viewer gets (staff get the whole spec, a superset). */
export interface ExerciseStatementSpec {
  metadata?: { id: string; title: string; summary?: string; topics?: string[]; difficulty?: string };
  languages?: Partial<Record<Language, unknown>>;
  limits?: Record<string, number>;
  scenarios?: { id: string; title: string; description?: string | null }[];
  checks?: StatementCheck[];
}

export interface ExerciseFile {
  name: string;
  content: string;
}

export interface ExerciseDetail extends ExerciseSummary {
  spec: ExerciseStatementSpec;
  /** The version's statement (Markdown); '' when it was published as a bare spec. */
  statement?: string | null;
  /** The version's starting files, per language. */
  starters?: { language: string; files: ExerciseFile[] }[];
}

export interface AcceptedSubmission {
  submissionId: string;
  runId: string;
  status: 'queued';
}

export interface RunSummary {
  id: string;
  status: RunStatus;
  attempt: number;
  /** The exercise version the run is graded against; null for a playground run. */
  exercise: { id: string; slug: string; title: string; version: number } | null;
  /** The preset a playground run ran against (nothing is graded); null for an exercise run. */
  playground: { presetId: string; title: string } | null;
  submission: { id: string; userId: string; language: Language; createdAt: string };
  createdAt: string;
  queuedAt: string;
  finishedAt: string | null;
  score: number | null;
  maxScore: number | null;
  gradable: boolean | null;
}

export interface RunDetail extends RunSummary {
  /**
   * While queued: how many runs of the whole service are ahead of it (0 = next); null once
   * a runner took it. Optional: an API that does not report it leaves it out.
   */
  queuePosition?: number | null;
  buildingAt: string | null;
  runningAt: string | null;
  gradingAt: string | null;
  error: { code: string; message: string | null } | null;
  /** The lab's report as the viewer may see it (see runs/report/report-types.ts); null until graded. */
  report: unknown;
}

/** A peer behaviour of the playground (GET /api/v1/playground/presets). */
export interface PlaygroundPreset {
  id: string;
  title: string;
  /** What the peer does and what to look for in the trace. */
  description: string;
  /** The program's part: a client connecting to the peer, or a server the peer connects to. */
  role: 'client' | 'server';
  /** Arguments after the language's run command: `{host}` = the peer's address, `{port}` = the port. */
  args: string[];
}

export interface PublishedExercise {
  exercise: ExerciseSummary;
  version: { id: string; version: number; createdAt: string };
  created: boolean;
}

export interface ArtifactSummary {
  name: string;
  kind: 'capture' | 'trace' | 'report' | 'log';
  /** The scenario it belongs to; null for whole-run files. */
  scenario: string | null;
  sizeBytes: number;
  contentType: string;
}

export interface RunArtifactList {
  runId: string;
  scenarios: string[];
  artifacts: ArtifactSummary[];
  /** Documents computed on request (conn.log, sequence.mmd …). */
  views: { name: string; contentType: string; description: string }[];
}

/** One file of an exercise folder, its path relative to the folder, '/'-separated. */
export interface ExerciseFolderFile {
  path: string;
  content: string;
}

/**
 * A self-test of an exercise version (GET …/versions/{v}/self-tests/{id}): reference
 * solutions must score full marks, each faulty solution fail exactly its mustFail checks.
 * `results` grow as solutions finish.
 */
export interface SelfTestView {
  id: string;
  exerciseId: string;
  exerciseVersionId: string;
  version: number;
  status: SelfTestStatus;
  attempt: number;
  requestedById: string;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  progress: { finished: number; total: number };
  results: SelfTestSolutionResult[];
  /** Set when status is `error`: why the self-test could not be carried out. */
  error: { code: string; message: string } | null;
}

/** A course (GET/POST /api/v1/courses). */
export interface Course {
  id: string;
  name: string;
  createdAt: string;
}

/** An exercise version published to a course (POST /api/v1/courses/{id}/assignments). */
export interface Assignment {
  id: string;
  courseId: string;
  title: string;
  exercise: { id: string; slug: string; title: string; version: number };
  publishedAt: string;
  /** Submissions after this instant are refused (409 assignment/past-due); null = no deadline. */
  dueAt: string | null;
  /** Attempts each learner may spend (409 assignment/attempts-exhausted after); null = unlimited. */
  maxAttempts: number | null;
}

/** An assignment with the signed-in member's own progress (GET /api/v1/assignments). */
export interface MyAssignment extends Assignment {
  /** The course it is published to. */
  course: { id: string; name: string };
  bestScore: number | null;
  maxScore: number | null;
  /** Attempts they spent: infrastructure failures, cancellations and regrades do not count. */
  attempts: number;
}

export interface CreateAssignmentRequest {
  exerciseId: string;
  version?: number;
  dueAt?: string | null;
  /** A whole number 1–1000; null or absent = unlimited. */
  maxAttempts?: number | null;
}

/** A member enrolled in a course (GET/POST /api/v1/courses/{id}/enrollments). */
export interface Enrollment {
  courseId: string;
  userId: string;
  email: string;
  displayName: string;
  role: string;
  enrolledAt: string;
}
