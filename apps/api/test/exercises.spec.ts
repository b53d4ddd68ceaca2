import { packExerciseIds } from '@socklab/pack';
import request from 'supertest';
import { parse } from 'yaml';
import { exerciseYaml } from './support/exercise-yaml';
import { bearer, createWorld, startTestApi, type TestApi, type World } from './support/test-api';

describe('exercises', () => {
  let api: TestApi;
  let world: World;
  let other: World;

  beforeAll(async () => {
    api = await startTestApi();
    world = await createWorld(api, 'alpha');
    other = await createWorld(api, 'beta');
  }, 60_000);
  afterAll(() => api?.close());

  const get = (path: string, token: string) =>
    request(api.http)
      .get(`/api/v1${path}`)
      .set(...bearer(token));
  const publish = (token: string, yaml: string) =>
    request(api.http)
      .post('/api/v1/exercises')
      .set(...bearer(token))
      .type('application/yaml')
      .send(yaml);
  // Every tenant also has the built-in pack (builtin-pack.spec.ts); these tests concern their own exercises.
  const slugs = (body: { slug: string }[]) =>
    body.map((e) => e.slug).filter((slug) => !packExerciseIds().includes(slug));

  it('lists every exercise of the tenant to staff, and only published ones to learners', async () => {
    const staff = await get('/exercises', world.instructor.token).expect(200);
    expect(slugs(staff.body)).toEqual(['echo-assigned', 'echo-builtin', 'echo-draft']);
    expect(staff.body.find((e: { slug: string }) => e.slug === 'echo-builtin')).toMatchObject({
      builtin: true,
      languages: ['c', 'python'],
      latestVersion: { version: 1 },
    });
    const learner = await get('/exercises', world.learner.token).expect(200);
    expect(slugs(learner.body)).toEqual(['echo-assigned', 'echo-builtin']);
  });

  it('shows a learner the statement without the scenario script or hidden checks', async () => {
    const res = await get(`/exercises/${world.builtinExerciseId}`, world.learner.token).expect(200);
    expect(res.body.spec.checks).toEqual([
      expect.objectContaining({ id: 'echoed', visibility: 'visible' }),
      { points: 5, visibility: 'hidden' },
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/SECRET-EXPLANATION|readLine|secret-close/);
    const staff = await get(`/exercises/${world.builtinExerciseId}`, world.instructor.token).expect(200);
    expect(JSON.stringify(staff.body.spec)).toMatch(/SECRET-EXPLANATION/);
  });

  it('answers 404 for an unpublished exercise to a learner, another tenant’s exercise, and a non-id', async () => {
    for (const [path, token] of [
      [`/exercises/${world.draftExerciseId}`, world.learner.token],
      [`/exercises/${other.builtinExerciseId}`, world.instructor.token],
      [`/exercises/${other.draftExerciseId}`, world.owner.token],
      ['/exercises/not-a-uuid', world.owner.token],
    ]) {
      const res = await get(path, token).expect(404);
      expect(res.body.error.code).toBe('exercise/not-found');
      expect(JSON.stringify(res.body)).not.toMatch(/echo/);
    }
  });

  it('creates an exercise from exercise.yaml, a new version per change, none for the same spec', async () => {
    const first = await publish(
      world.instructor.token,
      exerciseYaml({ id: 'new-echo', title: 'New echo' }),
    ).expect(201);
    expect(first.body).toMatchObject({
      created: true,
      version: { version: 1 },
      exercise: { slug: 'new-echo', title: 'New echo' },
    });
    const same = await publish(
      world.instructor.token,
      exerciseYaml({ id: 'new-echo', title: 'New echo' }),
    ).expect(200);
    expect(same.body).toMatchObject({ created: false, version: { id: first.body.version.id, version: 1 } });
    const changed = await publish(
      world.owner.token,
      exerciseYaml({ id: 'new-echo', title: 'New echo', variant: 2 }),
    ).expect(201);
    expect(changed.body).toMatchObject({
      created: true,
      version: { version: 2 },
      exercise: { id: first.body.exercise.id },
    });
    const reverted = await publish(
      world.owner.token,
      exerciseYaml({ id: 'new-echo', title: 'New echo' }),
    ).expect(200);
    expect(reverted.body).toMatchObject({
      version: { version: 1 },
      exercise: { latestVersion: { version: 2 } },
    });
    const audit = await api.prisma.auditEntry.count({
      where: { tenantId: world.tenant.id, action: 'exercise.version.create' },
    });
    expect(audit).toBe(2);
    // Tenants are independent: beta can use the same id.
    await publish(other.instructor.token, exerciseYaml({ id: 'new-echo' })).expect(201);
  });

  it('accepts the spec as a JSON document too (the portal editor’s form)', async () => {
    const document = parse(exerciseYaml({ id: 'json-echo' }));
    const res = await request(api.http)
      .post('/api/v1/exercises')
      .set(...bearer(world.instructor.token))
      .send(document)
      .expect(201);
    expect(res.body.exercise.slug).toBe('json-echo');
    const bad = await request(api.http)
      .post('/api/v1/exercises')
      .set(...bearer(world.instructor.token))
      .send({ ...document, kind: 'Lesson' })
      .expect(422);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ path: 'kind' })]);
  });

  it('refuses an invalid spec with 422 exercise/invalid-spec listing each error’s path', async () => {
    const broken = exerciseYaml({ id: 'broken' })
      .replace('points: 10', 'points: -3')
      .replace('conn: c1, startsWith', 'conn: c9, startsWith');
    const res = await publish(world.instructor.token, broken).expect(422);
    expect(res.body.error.code).toBe('exercise/invalid-spec');
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toContain('checks[0].points');
    expect(res.body.error.details[0]).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
    const syntax = await publish(world.instructor.token, 'metadata: [unclosed').expect(422);
    expect(syntax.body.error.details[0].code).toBe('exercise/yaml-syntax');
    expect(await api.prisma.exercise.count({ where: { slug: 'broken' } })).toBe(0);
  });

  it('refuses to overwrite a built-in exercise', async () => {
    const res = await publish(world.instructor.token, exerciseYaml({ id: 'echo-builtin' })).expect(409);
    expect(res.body.error.code).toBe('exercise/builtin-read-only');
  });

  it('lets only instructors and owners publish', async () => {
    const res = await publish(world.learner.token, exerciseYaml({ id: 'learner-made' })).expect(403);
    expect(res.body.error.code).toBe('auth/forbidden');
  });

  it('refuses a body that is neither YAML nor JSON', async () => {
    const res = await request(api.http)
      .post('/api/v1/exercises')
      .set(...bearer(world.instructor.token))
      .set('Content-Type', 'application/octet-stream')
      .send(Buffer.from('x'))
      .expect(415);
    expect(res.body.error.code).toBe('request/unsupported-media-type');
  });
});
