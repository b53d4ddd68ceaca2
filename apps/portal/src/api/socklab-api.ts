import type { CreatePlaygroundRunRequest, CreateSubmissionRequest } from '@socklab/contracts';
import type { HttpClient } from './http-client';
import type {
  AcceptedSubmission,
  Assignment,
  Course,
  CreateAssignmentRequest,
  Enrollment,
  ExerciseDetail,
  ExerciseFolderFile,
  ExerciseSummary,
  LoginResult,
  MyAssignment,
  PlaygroundPreset,
  PublishedExercise,
  RunArtifactList,
  RunDetail,
  RunSummary,
  SelfTestView,
} from './types';

const id = (value: string) => encodeURIComponent(value);
const versionPath = (exerciseId: string, version: number) =>
  `/api/v1/exercises/${id(exerciseId)}/versions/${encodeURIComponent(String(version))}`;

/** The REST calls the portal makes (apps/api, /api/v1). */
export class SocklabApi {
  constructor(private readonly http: HttpClient) {}

  login(input: { email: string; password: string; tenant?: string }): Promise<LoginResult> {
    return this.http.request('POST', '/api/v1/auth/login', { body: input });
  }

  listExercises(signal?: AbortSignal): Promise<ExerciseSummary[]> {
    return this.http.request('GET', '/api/v1/exercises', { signal });
  }

  getExercise(exerciseId: string, signal?: AbortSignal): Promise<ExerciseDetail> {
    return this.http.request('GET', `/api/v1/exercises/${id(exerciseId)}`, { signal });
  }

  /** Publishes exercise.yaml as a new version (instructors). */
  publishExercise(yaml: string): Promise<PublishedExercise> {
    return this.http.request('POST', '/api/v1/exercises', {
      text: { content: yaml, type: 'application/yaml' },
    });
  }

  /**
   * Publishes a whole exercise folder (exercise.yaml, statement.md, starter/, solutions/)
   * as a new version (instructors); 422 exercise/invalid-folder lists every problem.
   */
  publishFolder(files: ExerciseFolderFile[]): Promise<PublishedExercise> {
    return this.http.request('POST', '/api/v1/exercises/folder', { body: { files } });
  }

  /** Starts a self-test of a version, or returns the one already queued or running. */
  requestSelfTest(exerciseId: string, version: number): Promise<SelfTestView> {
    return this.http.request('POST', `${versionPath(exerciseId, version)}/self-test`);
  }

  /** The version's self-tests, newest first. */
  listSelfTests(exerciseId: string, version: number, signal?: AbortSignal): Promise<SelfTestView[]> {
    return this.http.request('GET', `${versionPath(exerciseId, version)}/self-tests`, { signal });
  }

  getSelfTest(exerciseId: string, version: number, selfTestId: string, signal?: AbortSignal): Promise<SelfTestView> {
    return this.http.request('GET', `${versionPath(exerciseId, version)}/self-tests/${id(selfTestId)}`, { signal });
  }

  /** Submits to the exercise; with `assignmentId`, against the version that assignment published. */
  submit(
    exerciseId: string,
    request: CreateSubmissionRequest & { assignmentId?: string },
  ): Promise<AcceptedSubmission> {
    return this.http.request('POST', `/api/v1/exercises/${id(exerciseId)}/submissions`, { body: request });
  }

  /** Staff: every course of the tenant; learners: the courses they are enrolled in. */
  listCourses(signal?: AbortSignal): Promise<Course[]> {
    return this.http.request('GET', '/api/v1/courses', { signal });
  }

  createCourse(name: string): Promise<Course> {
    return this.http.request('POST', '/api/v1/courses', { body: { name } });
  }

  /** Staff: the course's enrolled members, oldest enrolment first. */
  listEnrollments(courseId: string, signal?: AbortSignal): Promise<Enrollment[]> {
    return this.http.request('GET', `/api/v1/courses/${id(courseId)}/enrollments`, { signal });
  }

  /** Enrols the tenant member with this email (idempotent); 404 user/not-found for anyone else. */
  enroll(courseId: string, email: string): Promise<Enrollment> {
    return this.http.request('POST', `/api/v1/courses/${id(courseId)}/enrollments`, { body: { email } });
  }

  unenroll(courseId: string, userId: string): Promise<void> {
    return this.http.request('DELETE', `/api/v1/courses/${id(courseId)}/enrollments/${id(userId)}`);
  }

  /** Publishes an exercise version to a course; 409 assignment/self-test-required until its self-test passed. */
  createAssignment(courseId: string, request: CreateAssignmentRequest): Promise<Assignment> {
    return this.http.request('POST', `/api/v1/courses/${id(courseId)}/assignments`, { body: request });
  }

  /** The signed-in member's assignments with their best score and attempts (staff: every assignment). */
  listMyAssignments(signal?: AbortSignal): Promise<MyAssignment[]> {
    return this.http.request('GET', '/api/v1/assignments', { signal });
  }

  /** The peer behaviours a program can be run against in the playground. */
  listPlaygroundPresets(signal?: AbortSignal): Promise<PlaygroundPreset[]> {
    return this.http.request('GET', '/api/v1/playground/presets', { signal });
  }

  /** Runs a program against a preset; not graded. Follow it like any run (getRun, live events). */
  startPlaygroundRun(request: CreatePlaygroundRunRequest): Promise<AcceptedSubmission> {
    return this.http.request('POST', '/api/v1/playground/runs', { body: request });
  }

  /** Runs newest first: exercise runs, or with `kind: 'playground'` playground runs. */
  listRuns(
    query: { kind?: 'exercise' | 'playground'; exerciseId?: string; limit?: number; before?: string } = {},
    signal?: AbortSignal,
  ): Promise<RunSummary[]> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    const search = params.toString();
    return this.http.request('GET', `/api/v1/runs${search ? `?${search}` : ''}`, { signal });
  }

  getRun(runId: string, signal?: AbortSignal): Promise<RunDetail> {
    return this.http.request('GET', `/api/v1/runs/${id(runId)}`, { signal });
  }

  cancelRun(runId: string): Promise<RunDetail> {
    return this.http.request('POST', `/api/v1/runs/${id(runId)}/cancel`);
  }

  /** What a run has stored (captures, trace.json, report.json, logs). */
  listArtifacts(runId: string, signal?: AbortSignal): Promise<RunArtifactList> {
    return this.http.request('GET', `/api/v1/runs/${id(runId)}/artifacts`, { signal });
  }

  /** One stored artifact of a run (capture-*.pcapng, trace.json, report.json, logs). */
  artifact(runId: string, name: string, signal?: AbortSignal): Promise<Response> {
    return this.http.raw(`/api/v1/runs/${id(runId)}/artifacts/${id(name)}`, signal);
  }
}
