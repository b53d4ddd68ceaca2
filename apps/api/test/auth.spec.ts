import { ApiTokenRepo, UserRepo } from '@socklab/db';
import request from 'supertest';
import {
  addMember,
  bearer,
  createWorld,
  login,
  PASSWORD,
  startTestApi,
  type TestApi,
  type World,
} from './support/test-api';

describe('auth', () => {
  let api: TestApi;
  let world: World;
  let other: World;

  beforeAll(async () => {
    api = await startTestApi();
    world = await createWorld(api, 'alpha');
    other = await createWorld(api, 'beta');
  }, 60_000);
  afterAll(() => api?.close());

  const me = (token: string) =>
    request(api.http)
      .get('/api/v1/auth/me')
      .set(...bearer(token));

  it('logs in with email and password and the session token identifies the member', async () => {
    const res = await request(api.http)
      .post('/api/v1/auth/login')
      .send({ email: 'Learner@Alpha.test ', password: PASSWORD })
      .expect(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', role: 'learner', tenant: { slug: 'alpha' } });
    expect(res.body.token).toMatch(/^sls_/);
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const who = await me(res.body.token).expect(200);
    expect(who.body).toMatchObject({
      tenantId: world.tenant.id,
      userId: world.learner.userId,
      role: 'learner',
      via: 'session',
    });
  });

  it('stores passwords as argon2id hashes', async () => {
    const user = await new UserRepo(api.prisma).findByEmail(world.learner.email);
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    const wrong = await request(api.http)
      .post('/api/v1/auth/login')
      .send({ email: world.learner.email, password: 'nope' })
      .expect(401);
    const unknown = await request(api.http)
      .post('/api/v1/auth/login')
      .send({ email: 'nobody@alpha.test', password: 'nope' })
      .expect(401);
    expect(wrong.body.error.code).toBe('auth/invalid-credentials');
    expect(unknown.body.error).toEqual(wrong.body.error);
  });

  it('answers 422 naming the field when the login body is malformed', async () => {
    const res = await request(api.http)
      .post('/api/v1/auth/login')
      .send({ email: world.learner.email })
      .expect(422);
    expect(res.body.error).toMatchObject({
      code: 'request/invalid',
      message: expect.stringMatching(/^password: /),
    });
  });

  it('asks a member of several tenants to name one, and logs them into the one named', async () => {
    await addMember(api, other.tenant.id, world.instructor.email, 'learner');
    const res = await request(api.http)
      .post('/api/v1/auth/login')
      .send({ email: world.instructor.email, password: PASSWORD })
      .expect(422);
    expect(res.body.error.code).toBe('auth/tenant-required');
    expect(res.body.error.details.tenants.map((t: { slug: string }) => t.slug).sort()).toEqual([
      'alpha',
      'beta',
    ]);
    const token = await login(api, world.instructor.email, PASSWORD, 'beta');
    expect((await me(token).expect(200)).body).toMatchObject({ tenantId: other.tenant.id, role: 'learner' });
  });

  it('requires a bearer token everywhere but the public routes', async () => {
    const res = await request(api.http).get('/api/v1/runs').expect(401);
    expect(res.body.error.code).toBe('auth/unauthenticated');
    expect(res.headers['www-authenticate']).toBe('Bearer');
    await request(api.http).get('/healthz').expect(200);
  });

  it('refuses a tampered, foreign or garbage session token', async () => {
    const [body, signature] = world.learner.token.slice(4).split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
    const promoted = Buffer.from(JSON.stringify({ ...claims, role: 'owner', tid: other.tenant.id })).toString(
      'base64url',
    );
    for (const token of [`sls_${promoted}.${signature}`, 'sls_x.y', 'garbage', `${world.learner.token}x`]) {
      const res = await me(token).expect(401);
      expect(res.body.error.code).toBe('auth/invalid-token');
    }
  });

  it('accepts API tokens, and refuses one without the route’s scope with 403 auth/insufficient-scope', async () => {
    const tokens = new ApiTokenRepo(api.prisma);
    const { token } = await tokens.create(
      { tenantId: world.tenant.id },
      { userId: world.learner.userId, name: 'ci', scopes: ['runs:read'] },
    );
    await request(api.http)
      .get('/api/v1/runs')
      .set(...bearer(token))
      .expect(200);
    const res = await request(api.http)
      .get('/api/v1/exercises')
      .set(...bearer(token))
      .expect(403);
    expect(res.body.error).toMatchObject({
      code: 'auth/insufficient-scope',
      details: { required: ['exercises:read'], granted: ['runs:read'] },
    });
    expect((await me(token).expect(200)).body).toMatchObject({ via: 'api-token', scopes: ['runs:read'] });
  });

  it('refuses revoked and expired API tokens', async () => {
    const tokens = new ApiTokenRepo(api.prisma);
    const scope = { tenantId: world.tenant.id };
    const revoked = await tokens.create(scope, {
      userId: world.learner.userId,
      name: 'old',
      scopes: ['runs:read'],
    });
    await tokens.revoke(scope, revoked.record.id);
    const expired = await tokens.create(scope, {
      userId: world.learner.userId,
      name: 'short',
      scopes: ['runs:read'],
      expiresAt: new Date(Date.now() - 1000),
    });
    for (const token of [revoked.token, expired.token]) {
      expect(
        (
          await request(api.http)
            .get('/api/v1/runs')
            .set(...bearer(token))
            .expect(401)
        ).body.error.code,
      ).toBe('auth/invalid-token');
    }
  });

  it('never lets a token’s scopes widen its member’s role', async () => {
    const { token } = await new ApiTokenRepo(api.prisma).create(
      { tenantId: world.tenant.id },
      { userId: world.learner.userId, name: 'greedy', scopes: ['exercises:write'] },
    );
    const res = await request(api.http)
      .post('/api/v1/exercises')
      .set(...bearer(token))
      .type('application/yaml')
      .send('x: 1')
      .expect(403);
    expect(res.body.error.code).toBe('auth/forbidden');
  });

  it('applies a role change to existing sessions at once', async () => {
    const member = await addMember(api, world.tenant.id, 'promoted@alpha.test', 'learner');
    await new UserRepo(api.prisma).setRole({ tenantId: world.tenant.id }, member.userId, 'instructor');
    expect((await me(member.token).expect(200)).body.role).toBe('instructor');
    await api.prisma.membership.delete({
      where: { tenantId_userId: { tenantId: world.tenant.id, userId: member.userId } },
    });
    await me(member.token).expect(401);
  });
});
