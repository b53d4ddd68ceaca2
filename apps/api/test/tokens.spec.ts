import request from 'supertest';
import { bearer, createWorld, startTestApi, type TestApi, type World } from './support/test-api';

describe('API token management', () => {
  let api: TestApi;
  let world: World;
  let other: World;

  beforeAll(async () => {
    api = await startTestApi();
    world = await createWorld(api, 'alpha');
    other = await createWorld(api, 'beta');
  }, 60_000);
  afterAll(() => api?.close());

  const create = (token: string, body: object) =>
    request(api.http)
      .post('/api/v1/tokens')
      .set(...bearer(token))
      .send(body);
  const list = (token: string, all = false) =>
    request(api.http)
      .get(`/api/v1/tokens${all ? '?all=true' : ''}`)
      .set(...bearer(token));
  const revoke = (token: string, id: string) =>
    request(api.http)
      .delete(`/api/v1/tokens/${id}`)
      .set(...bearer(token));
  const runs = (token: string) =>
    request(api.http)
      .get('/api/v1/runs')
      .set(...bearer(token));

  it('creates a scoped, expiring token whose secret is shown once and which works at once', async () => {
    const expiresAt = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
    const res = await create(world.learner.token, {
      name: 'ci',
      scopes: ['runs:read', 'traces:read'],
      expiresAt,
    }).expect(201);
    expect(res.body).toMatchObject({
      name: 'ci',
      scopes: ['runs:read', 'traces:read'],
      status: 'active',
      userId: world.learner.userId,
      expiresAt,
    });
    expect(res.body.token).toMatch(/^slk_/);
    expect(res.body.token.startsWith(res.body.prefix)).toBe(true);
    await runs(res.body.token).expect(200);
    const me = await request(api.http)
      .get('/api/v1/auth/me')
      .set(...bearer(res.body.token))
      .expect(200);
    expect(me.body).toMatchObject({ via: 'api-token', scopes: ['runs:read', 'traces:read'] });

    const listed = await list(world.learner.token).expect(200);
    const entry = listed.body.find((t: { id: string }) => t.id === res.body.id);
    expect(entry).toMatchObject({ name: 'ci', status: 'active' });
    expect(JSON.stringify(listed.body)).not.toContain(res.body.token);
    expect(entry).not.toHaveProperty('tokenHash');
    const audit = await api.prisma.auditEntry.findFirst({
      where: { action: 'api-token.create', targetId: res.body.id },
    });
    expect(audit).toMatchObject({ tenantId: world.tenant.id, actorUserId: world.learner.userId });
  });

  it('refuses unknown scopes, an expiry in the past, and scopes the caller’s own token lacks', async () => {
    const unknown = await create(world.learner.token, { name: 'x', scopes: ['admin'] }).expect(422);
    expect(unknown.body.error.code).toBe('request/invalid');
    const past = await create(world.learner.token, {
      name: 'x',
      scopes: ['runs:read'],
      expiresAt: '2020-01-01T00:00:00Z',
    }).expect(422);
    expect(past.body.error.code).toBe('api-token/expiry-in-past');

    const narrow = (await create(world.learner.token, { name: 'narrow', scopes: ['runs:read'] }).expect(201))
      .body.token as string;
    const wider = await create(narrow, { name: 'wider', scopes: ['runs:read', 'submissions:write'] }).expect(
      403,
    );
    expect(wider.body.error).toMatchObject({ code: 'api-token/scope-not-held' });
    expect(
      (await create(narrow, { name: 'same', scopes: ['runs:read'] }).expect(201)).body.expiresAt,
    ).toBeNull();
  });

  it('revokes a token at once, idempotently, and records it', async () => {
    const created = (
      await create(world.learner.token, { name: 'short-lived', scopes: ['runs:read'] }).expect(201)
    ).body;
    await runs(created.token).expect(200);
    await revoke(world.learner.token, created.id).expect(204);
    expect((await runs(created.token).expect(401)).body.error.code).toBe('auth/invalid-token');
    await revoke(world.learner.token, created.id).expect(204);
    const listed = await list(world.learner.token).expect(200);
    expect(listed.body.find((t: { id: string }) => t.id === created.id)).toMatchObject({ status: 'revoked' });
    expect(
      await api.prisma.auditEntry.count({ where: { action: 'api-token.revoke', targetId: created.id } }),
    ).toBe(1);
  });

  it('shows an expired token as expired and refuses it', async () => {
    const created = (await create(world.learner.token, { name: 'old', scopes: ['runs:read'] }).expect(201))
      .body;
    await api.prisma.apiToken.update({
      where: { id: created.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await runs(created.token).expect(401);
    const listed = await list(world.learner.token).expect(200);
    expect(listed.body.find((t: { id: string }) => t.id === created.id)).toMatchObject({ status: 'expired' });
  });

  it('keeps tokens to their member: others get 404, owners see and revoke the tenant’s', async () => {
    const created = (await create(world.learner.token, { name: 'mine', scopes: ['runs:read'] }).expect(201))
      .body;
    for (const token of [
      world.otherLearner.token,
      world.instructor.token,
      other.owner.token,
      other.ownerApiToken,
    ]) {
      expect((await revoke(token, created.id).expect(404)).body.error.code).toBe('api-token/not-found');
      expect(JSON.stringify((await list(token).expect(200)).body)).not.toContain(created.id);
    }
    expect((await list(world.learner.token, true).expect(403)).body.error.code).toBe('auth/forbidden');
    const tenantWide = await list(world.owner.token, true).expect(200);
    expect(tenantWide.body.map((t: { id: string }) => t.id)).toContain(created.id);
    expect(JSON.stringify((await list(other.owner.token, true).expect(200)).body)).not.toContain(created.id);
    await revoke(world.owner.token, created.id).expect(204);
    await runs(created.token).expect(401);
    expect((await revoke(world.learner.token, 'not-an-id').expect(404)).body.error.code).toBe(
      'api-token/not-found',
    );
  });
});
