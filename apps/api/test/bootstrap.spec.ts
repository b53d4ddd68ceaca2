import { isDbError } from '@socklab/db';
import request from 'supertest';
import { bootstrapTenant, slugify } from '../src/bootstrap';
import { API_SCOPES } from '../src/auth/scopes';
import { bearer, startTestApi, type TestApi } from './support/test-api';

describe('bootstrapTenant', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  }, 60_000);
  afterAll(() => api?.close());

  it('creates a tenant whose owner can log in with the generated password, and an API token with every scope', async () => {
    const boot = await bootstrapTenant(api.prisma, {
      tenantName: 'Networks Lab 2026',
      email: 'Prof@Uni.test',
    });
    expect(boot.tenant).toMatchObject({ slug: 'networks-lab-2026', name: 'Networks Lab 2026' });
    expect(boot.owner.email).toBe('prof@uni.test');
    expect(boot.owner.password.length).toBeGreaterThanOrEqual(32);
    expect(boot.apiToken.token).toMatch(/^slk_/);

    const login = await request(api.http)
      .post('/api/v1/auth/login')
      .send({ email: 'prof@uni.test', password: boot.owner.password })
      .expect(200);
    expect(login.body).toMatchObject({ role: 'owner', tenant: { id: boot.tenant.id } });
    const me = await request(api.http)
      .get('/api/v1/auth/me')
      .set(...bearer(boot.apiToken.token))
      .expect(200);
    expect(me.body).toMatchObject({ role: 'owner', via: 'api-token', scopes: [...API_SCOPES] });
    const stored = await api.prisma.user.findUniqueOrThrow({ where: { id: boot.owner.id } });
    expect(stored.passwordHash).not.toContain(boot.owner.password);
  });

  it('leaves nothing behind when the email is taken', async () => {
    await bootstrapTenant(api.prisma, { tenantName: 'First', email: 'taken@uni.test' });
    const failure = await bootstrapTenant(api.prisma, {
      tenantName: 'Second',
      email: 'taken@uni.test',
    }).catch((e: unknown) => e);
    expect(isDbError(failure, 'db/conflict')).toBe(true);
    expect(await api.prisma.tenant.findUnique({ where: { slug: 'second' } })).toBeNull();
  });

  it('makes URL-safe slugs', () => {
    expect(slugify('  Réseaux & Sockets!  ')).toBe('reseaux-sockets');
    expect(slugify('中文')).toMatch(/^tenant-[0-9a-f]{6}$/);
  });
});
