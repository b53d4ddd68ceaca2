import { ExerciseRepo } from '@socklab/db';
import request from 'supertest';
import {
  addMember,
  bearer,
  createWorld,
  exerciseSpec,
  smallSubmission,
  startTestApi,
  type TestApi,
  type World,
} from './support/test-api';

const SOLUTIONS = {
  reference: [{ language: 'python' as const, files: [{ name: 'server.py', content: 'pass\n' }] }],
  faulty: [],
};

describe('courses and assignments', () => {
  let api: TestApi;
  let alpha: World;
  let beta: World;
  /** alpha's course from createWorld: learner and otherLearner are enrolled. */
  let alphaCourseId: string;

  const as = (token: string) => ({
    get: (path: string) => request(api.http).get(`/api/v1${path}`).set(...bearer(token)),
    post: (path: string, body: object) => request(api.http).post(`/api/v1${path}`).set(...bearer(token)).send(body),
  });
  const submit = (token: string, exerciseId: string, assignmentId?: string) =>
    as(token).post(`/exercises/${exerciseId}/submissions`, { ...smallSubmission, assignmentId });

  beforeAll(async () => {
    api = await startTestApi({ SOCKLAB_MAX_INFLIGHT_RUNS: '50', SOCKLAB_MAX_SUBMISSIONS_PER_MINUTE: '50' });
    alpha = await createWorld(api, 'alpha');
    beta = await createWorld(api, 'beta');
    alphaCourseId = (await api.prisma.course.findFirstOrThrow({ where: { tenantId: alpha.tenant.id } })).id;
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });

  describe('POST/GET /courses', () => {
    it('lets instructors and owners create courses; learners get 403 and a bad name 422', async () => {
      const created = await as(alpha.instructor.token).post('/courses', { name: 'Networks II' }).expect(201);
      expect(created.body).toEqual({ id: expect.any(String), name: 'Networks II', createdAt: expect.any(String) });
      await as(alpha.owner.token).post('/courses', { name: 'Owner course' }).expect(201);
      const refused = await as(alpha.learner.token).post('/courses', { name: 'Mine' }).expect(403);
      expect(refused.body.error.code).toBe('auth/forbidden');
      const invalid = await as(alpha.instructor.token).post('/courses', { name: '  ' }).expect(422);
      expect(invalid.body.error).toMatchObject({ code: 'request/invalid', message: expect.stringMatching(/^name: /) });
    });

    it('shows staff every course of their tenant, learners only those they are enrolled in, nobody another tenant’s', async () => {
      await as(alpha.instructor.token).post('/courses', { name: 'Not enrolled' }).expect(201);
      const staff = await as(alpha.instructor.token).get('/courses').expect(200);
      expect(staff.body.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['Sockets 101', 'Not enrolled']));
      const learner = await as(alpha.learner.token).get('/courses').expect(200);
      expect(learner.body).toEqual([{ id: alphaCourseId, name: 'Sockets 101', createdAt: expect.any(String) }]);
      const foreign = await as(beta.instructor.token).get('/courses').expect(200);
      expect(foreign.body.map((c: { id: string }) => c.id)).not.toContain(alphaCourseId);
      expect(foreign.body.map((c: { name: string }) => c.name)).not.toContain('Not enrolled');
    });
  });

  describe('POST /courses/{courseId}/assignments', () => {
    it('publishes a built-in exercise to the course; its learners then see it with no attempts', async () => {
      const dueAt = new Date(Date.now() + 86_400_000).toISOString();
      const res = await as(alpha.instructor.token)
        .post(`/courses/${alphaCourseId}/assignments`, { exerciseId: alpha.builtinExerciseId, dueAt })
        .expect(201);
      expect(res.body).toMatchObject({
        courseId: alphaCourseId,
        title: 'Built-in echo',
        exercise: { id: alpha.builtinExerciseId, slug: 'echo-builtin', version: 1 },
        dueAt,
      });
      const mine = await as(alpha.learner.token).get('/assignments').expect(200);
      expect(mine.body.find((a: { id: string }) => a.id === res.body.id)).toMatchObject({
        courseId: alphaCourseId,
        course: { id: alphaCourseId, name: 'Sockets 101' },
        exercise: { id: alpha.builtinExerciseId, title: 'Built-in echo', version: 1 },
        dueAt,
        maxAttempts: null,
        bestScore: null,
        attempts: 0,
      });
    });

    it('refuses learners (403) and hides other tenants’ courses and exercises (404)', async () => {
      const body = { exerciseId: alpha.builtinExerciseId };
      expect((await as(alpha.learner.token).post(`/courses/${alphaCourseId}/assignments`, body).expect(403)).body.error.code).toBe('auth/forbidden');
      const foreignCourse = await as(beta.instructor.token)
        .post(`/courses/${alphaCourseId}/assignments`, { exerciseId: beta.builtinExerciseId })
        .expect(404);
      expect(foreignCourse.body.error.code).toBe('course/not-found');
      const foreignExercise = await as(alpha.instructor.token)
        .post(`/courses/${alphaCourseId}/assignments`, { exerciseId: beta.assignedExerciseId })
        .expect(404);
      expect(foreignExercise.body.error.code).toBe('exercise/not-found');
      expect((await as(alpha.instructor.token).post('/courses/not-a-uuid/assignments', body).expect(404)).body.error.code).toBe('course/not-found');
      const noVersion = await as(alpha.instructor.token)
        .post(`/courses/${alphaCourseId}/assignments`, { ...body, version: 9 })
        .expect(404);
      expect(noVersion.body.error.code).toBe('exercise/version-not-found');
      expect(await api.prisma.assignment.count({ where: { tenantId: beta.tenant.id, courseId: alphaCourseId } })).toBe(0);
    });

    it('holds back a version with solutions until a self-test passed (409 naming the self-test)', async () => {
      const scope = { tenantId: alpha.tenant.id };
      const exercises = new ExerciseRepo(api.prisma);
      const exercise = await exercises.create(scope, { slug: 'echo-tested', title: 'Tested echo' });
      const version = await exercises.publishVersion(scope, exercise.id, exerciseSpec('echo-tested'), { solutions: SOLUTIONS });
      const path = `/courses/${alphaCourseId}/assignments`;
      const refused = await as(alpha.instructor.token).post(path, { exerciseId: exercise.id, version: 1 }).expect(409);
      expect(refused.body.error).toMatchObject({
        code: 'assignment/self-test-required',
        message: expect.stringMatching(/has not passed a self-test; run one/),
      });
      await api.prisma.selfTest.create({
        data: { tenantId: scope.tenantId, exerciseVersionId: version.id, status: 'passed', requestedById: alpha.instructor.userId, results: [] },
      });
      await as(alpha.instructor.token).post(path, { exerciseId: exercise.id, version: 1 }).expect(201);
    });
  });

  describe('/courses/{courseId}/enrollments', () => {
    const del = (token: string, path: string) => request(api.http).delete(`/api/v1${path}`).set(...bearer(token));

    it('enrols a member by email (idempotent), lists the course’s members, and unenrols them', async () => {
      const course = (await as(alpha.instructor.token).post('/courses', { name: 'Enrolment course' }).expect(201)).body;
      const path = `/courses/${course.id}/enrollments`;
      const newcomer = await addMember(api, alpha.tenant.id, 'newcomer@alpha.test', 'learner');
      expect((await as(newcomer.token).get('/courses').expect(200)).body.map((c: { id: string }) => c.id)).not.toContain(course.id);

      const first = await as(alpha.instructor.token).post(path, { email: '  NewComer@Alpha.test ' }).expect(201);
      expect(first.body).toEqual({
        courseId: course.id,
        userId: newcomer.userId,
        email: 'newcomer@alpha.test',
        displayName: 'newcomer@alpha.test',
        role: 'learner',
        enrolledAt: expect.any(String),
      });
      const again = await as(alpha.owner.token).post(path, { email: 'newcomer@alpha.test' }).expect(201);
      expect(again.body).toEqual(first.body);
      expect(await api.prisma.enrollment.count({ where: { courseId: course.id } })).toBe(1);
      expect(await api.prisma.auditEntry.count({ where: { action: 'course.enroll', targetId: course.id } })).toBe(1);
      await as(alpha.instructor.token).post(path, { email: alpha.learner.email }).expect(201);

      const listed = await as(alpha.owner.token).get(path).expect(200);
      expect(listed.body.map((e: { userId: string }) => e.userId)).toEqual([newcomer.userId, alpha.learner.userId]);
      // Enrolled: the learner now sees the course.
      expect((await as(newcomer.token).get('/courses').expect(200)).body.map((c: { id: string }) => c.id)).toContain(course.id);

      await del(alpha.instructor.token, `${path}/${newcomer.userId}`).expect(204);
      expect((await as(newcomer.token).get('/courses').expect(200)).body.map((c: { id: string }) => c.id)).not.toContain(course.id);
      expect((await as(alpha.instructor.token).get(path).expect(200)).body.map((e: { userId: string }) => e.userId)).toEqual([
        alpha.learner.userId,
      ]);
      const gone = await del(alpha.instructor.token, `${path}/${newcomer.userId}`).expect(404);
      expect(gone.body.error.code).toBe('enrollment/not-found');
      expect((await del(alpha.instructor.token, `${path}/not-a-uuid`).expect(404)).body.error.code).toBe('enrollment/not-found');
    });

    it('enrols only members of the tenant: 404 user/not-found for an unknown email or another tenant’s member; 422 without email', async () => {
      const path = `/courses/${alphaCourseId}/enrollments`;
      const unknown = await as(alpha.instructor.token).post(path, { email: 'nobody@nowhere.test' }).expect(404);
      expect(unknown.body.error).toMatchObject({ code: 'user/not-found', message: expect.stringContaining('nobody@nowhere.test') });
      const foreign = await as(alpha.instructor.token).post(path, { email: beta.learner.email }).expect(404);
      expect(foreign.body.error.code).toBe('user/not-found');
      expect((await as(alpha.instructor.token).post(path, {}).expect(422)).body.error.code).toBe('request/invalid');
      expect(await api.prisma.enrollment.count({ where: { courseId: alphaCourseId, userId: beta.learner.userId } })).toBe(0);
    });

    it('refuses learners (403) and another tenant’s staff (404 course/not-found), changing nothing', async () => {
      const path = `/courses/${alphaCourseId}/enrollments`;
      const before = await api.prisma.enrollment.count({ where: { courseId: alphaCourseId } });
      for (const res of [
        await as(alpha.learner.token).post(path, { email: alpha.otherLearner.email }),
        await as(alpha.learner.token).get(path),
        await del(alpha.learner.token, `${path}/${alpha.otherLearner.userId}`),
      ]) {
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('auth/forbidden');
      }
      for (const res of [
        await as(beta.instructor.token).post(path, { email: beta.learner.email }),
        await as(beta.owner.token).get(path),
        await del(beta.instructor.token, `${path}/${alpha.learner.userId}`),
        await as(alpha.instructor.token).get('/courses/not-a-uuid/enrollments'),
      ]) {
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('course/not-found');
        expect(JSON.stringify(res.body)).not.toMatch(/learner@alpha/);
      }
      expect(await api.prisma.enrollment.count({ where: { courseId: alphaCourseId } })).toBe(before);
    });
  });

  describe('GET /assignments and submissions with assignmentId', () => {
    it('counts attempts and the best score from the learner’s own runs of the assignment', async () => {
      const assignment = await as(alpha.instructor.token)
        .post(`/courses/${alphaCourseId}/assignments`, { exerciseId: alpha.builtinExerciseId, title: 'Scored' })
        .expect(201);
      const runs: string[] = [];
      for (let i = 0; i < 3; i++)
        runs.push((await submit(alpha.learner.token, alpha.builtinExerciseId, assignment.body.id).expect(202)).body.runId);
      await submit(alpha.otherLearner.token, alpha.builtinExerciseId, assignment.body.id).expect(202);
      await submit(alpha.learner.token, alpha.builtinExerciseId).expect(202); // practice: not this assignment's
      const finish = (id: string, data: object) => api.prisma.run.update({ where: { id }, data: { finishedAt: new Date(), ...data } });
      await finish(runs[0], { status: 'done', score: 7, maxScore: 10, gradable: true });
      await finish(runs[1], { status: 'done', score: 9, maxScore: 10, gradable: true });
      await finish(runs[2], { status: 'failed', score: 0, maxScore: 10, gradable: false, infraErrorCode: 'sandbox/unavailable' });

      const mine = await as(alpha.learner.token).get('/assignments').expect(200);
      expect(mine.body.find((a: { id: string }) => a.id === assignment.body.id)).toMatchObject({
        title: 'Scored',
        bestScore: 9,
        maxScore: 10,
        attempts: 2,
      });
      const other = await as(alpha.otherLearner.token).get('/assignments').expect(200);
      expect(other.body.find((a: { id: string }) => a.id === assignment.body.id)).toMatchObject({ bestScore: null, attempts: 1 });
      const stored = await api.prisma.submission.findFirstOrThrow({ where: { runs: { some: { id: runs[0] } } } });
      expect(stored.assignmentId).toBe(assignment.body.id);
    });

    it('caps attempts at maxAttempts (409 naming the limit); infrastructure failures give the attempt back', async () => {
      const path = `/courses/${alphaCourseId}/assignments`;
      const invalid = await as(alpha.instructor.token).post(path, { exerciseId: alpha.builtinExerciseId, maxAttempts: 0 }).expect(422);
      expect(invalid.body.error).toMatchObject({ code: 'request/invalid', message: expect.stringMatching(/^maxAttempts: /) });
      const capped = await as(alpha.instructor.token)
        .post(path, { exerciseId: alpha.builtinExerciseId, title: 'Two tries', maxAttempts: 2 })
        .expect(201);
      expect(capped.body.maxAttempts).toBe(2);
      const id = capped.body.id as string;

      const first = (await submit(alpha.learner.token, alpha.builtinExerciseId, id).expect(202)).body.runId as string;
      const second = (await submit(alpha.learner.token, alpha.builtinExerciseId, id).expect(202)).body.runId as string;
      await api.prisma.run.update({ where: { id: first }, data: { status: 'done', finishedAt: new Date(), score: 3, maxScore: 10, gradable: true } });
      const exhausted = await submit(alpha.learner.token, alpha.builtinExerciseId, id).expect(409);
      expect(exhausted.body.error).toMatchObject({
        code: 'assignment/attempts-exhausted',
        message: expect.stringContaining('allows 2 attempts; you have used 2'),
        details: { maxAttempts: 2, attempts: 2 },
      });

      // The second run was lost to the infrastructure: not the learner's attempt.
      await api.prisma.run.update({
        where: { id: second },
        data: { status: 'failed', finishedAt: new Date(), gradable: false, infraErrorCode: 'sandbox/unavailable' },
      });
      await submit(alpha.learner.token, alpha.builtinExerciseId, id).expect(202);
      expect((await submit(alpha.learner.token, alpha.builtinExerciseId, id).expect(409)).body.error.code).toBe('assignment/attempts-exhausted');

      // The cap is per learner; practice submissions outside the assignment are not limited.
      await submit(alpha.otherLearner.token, alpha.builtinExerciseId, id).expect(202);
      await submit(alpha.learner.token, alpha.builtinExerciseId).expect(202);
      const mine = await as(alpha.learner.token).get('/assignments').expect(200);
      expect(mine.body.find((a: { id: string }) => a.id === id)).toMatchObject({ maxAttempts: 2, attempts: 2 });
      expect(await api.prisma.submission.count({ where: { assignmentId: id, userId: alpha.learner.userId } })).toBe(3);
    });

    it('lets exactly one of 8 simultaneous submissions through when maxAttempts is 1; the others get 409 attempts-exhausted', async () => {
      const once = await as(alpha.instructor.token)
        .post(`/courses/${alphaCourseId}/assignments`, { exerciseId: alpha.builtinExerciseId, title: 'One try', maxAttempts: 1 })
        .expect(201);
      const responses = await Promise.all(
        Array.from({ length: 8 }, () => submit(alpha.otherLearner.token, alpha.builtinExerciseId, once.body.id)),
      );
      expect(responses.map((res) => res.status).sort()).toEqual([202, 409, 409, 409, 409, 409, 409, 409]);
      for (const refused of responses.filter((res) => res.status === 409)) {
        expect(refused.body.error).toMatchObject({
          code: 'assignment/attempts-exhausted',
          details: { maxAttempts: 1, attempts: 1 },
        });
      }
      expect(await api.prisma.submission.count({ where: { assignmentId: once.body.id } })).toBe(1);
      const mine = await as(alpha.otherLearner.token).get('/assignments').expect(200);
      expect(mine.body.find((a: { id: string }) => a.id === once.body.id)).toMatchObject({ maxAttempts: 1, attempts: 1 });
    });

    it('names the course of each assignment, for a learner enrolled in two', async () => {
      const second = (await as(alpha.instructor.token).post('/courses', { name: 'Sockets 102' }).expect(201)).body;
      await as(alpha.instructor.token).post(`/courses/${second.id}/enrollments`, { email: alpha.learner.email }).expect(201);
      const later = await as(alpha.instructor.token)
        .post(`/courses/${second.id}/assignments`, { exerciseId: alpha.builtinExerciseId, title: 'Week 2' })
        .expect(201);
      const mine = (await as(alpha.learner.token).get('/assignments').expect(200)).body as {
        id: string;
        courseId: string;
        course: { id: string; name: string };
      }[];
      expect(mine.find((a) => a.id === later.body.id)?.course).toEqual({ id: second.id, name: 'Sockets 102' });
      const first = mine.filter((a) => a.courseId === alphaCourseId);
      expect(first.length).toBeGreaterThan(0);
      expect(first.map((a) => a.course)).toEqual(first.map(() => ({ id: alphaCourseId, name: 'Sockets 101' })));
    });

    it('shows a learner of no course nothing, and another tenant’s members none of this tenant’s assignments', async () => {
      const loner = await addMember(api, alpha.tenant.id, 'loner@alpha.test', 'learner');
      expect((await as(loner.token).get('/assignments').expect(200)).body).toEqual([]);
      const alphaIds = (await api.prisma.assignment.findMany({ where: { tenantId: alpha.tenant.id } })).map((a) => a.id);
      for (const token of [beta.learner.token, beta.instructor.token]) {
        const res = await as(token).get('/assignments').expect(200);
        expect(res.body.map((a: { id: string }) => a.id).filter((id: string) => alphaIds.includes(id))).toEqual([]);
      }
    });

    it('refuses a submission past the due date (409 with the date), for another exercise (422), or to another tenant’s assignment (404)', async () => {
      const past = await as(alpha.instructor.token)
        .post(`/courses/${alphaCourseId}/assignments`, { exerciseId: alpha.builtinExerciseId, title: 'Closed', dueAt: '2020-01-01T00:00:00Z' })
        .expect(201);
      const late = await submit(alpha.learner.token, alpha.builtinExerciseId, past.body.id).expect(409);
      expect(late.body.error).toMatchObject({
        code: 'assignment/past-due',
        message: expect.stringContaining('2020-01-01T00:00:00.000Z'),
      });
      const mismatch = await submit(alpha.learner.token, alpha.assignedExerciseId, past.body.id).expect(422);
      expect(mismatch.body.error.code).toBe('submission/assignment-mismatch');
      const foreign = await submit(beta.learner.token, beta.builtinExerciseId, past.body.id).expect(404);
      expect(foreign.body.error.code).toBe('assignment/not-found');
      const loner = await addMember(api, alpha.tenant.id, 'outsider@alpha.test', 'learner');
      expect((await submit(loner.token, alpha.builtinExerciseId, past.body.id).expect(404)).body.error.code).toBe('assignment/not-found');
      expect(await api.prisma.submission.count({ where: { assignmentId: past.body.id } })).toBe(0);
    });
  });
});
