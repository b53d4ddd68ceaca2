import { contentHash } from '../../src/content-hash';
import { ApiTokenRepo, hashApiToken } from '../../src/repos/api-token-repo';
import { AuditRepo } from '../../src/repos/audit-repo';
import { ExerciseRepo, versionContentHash } from '../../src/repos/exercise-repo';
import { openHarness, seedTenant, type Harness, type TenantFixture } from './fixtures';

describe('exercises, API tokens and audit log', () => {
  let h: Harness;
  let t: TenantFixture;

  beforeAll(async () => {
    h = await openHarness();
    t = await seedTenant(h.prisma, 'school');
  });
  afterAll(() => h?.close());

  describe('exercise versions', () => {
    it('numbers versions and returns the existing one for identical content (key order ignored)', async () => {
      const repo = new ExerciseRepo(h.prisma);
      const exercise = await repo.create(t.scope, { slug: 'half-close', title: 'Half close' });
      const v1 = await repo.publishVersion(t.scope, exercise.id, { a: 1, b: [1, 2] });
      const v2 = await repo.publishVersion(t.scope, exercise.id, { a: 2 });
      const again = await repo.publishVersion(t.scope, exercise.id, { b: [1, 2], a: 1 });
      expect([v1.version, v2.version, again.id]).toEqual([1, 2, v1.id]);
      expect(v1.contentHash).toBe(contentHash({ b: [1, 2], a: 1 }));
      expect((await repo.latestVersion(t.scope, exercise.id))!.id).toBe(v2.id);
    });

    it('gives concurrent publishers distinct version numbers', async () => {
      const repo = new ExerciseRepo(h.prisma);
      const exercise = await repo.create(t.scope, { slug: 'race', title: 'Race' });
      const versions = await Promise.all([1, 2, 3].map((n) => repo.publishVersion(t.scope, exercise.id, { n })));
      expect(versions.map((v) => v.version).sort()).toEqual([1, 2, 3]);
    });

    it('refuses to change a stored version (database trigger)', async () => {
      await expect(h.prisma.exerciseVersion.update({ where: { id: t.exerciseVersionId }, data: { spec: { port: 1 } } })).rejects.toThrow(/immutable/);
    });

    it('installs built-ins idempotently and keeps them read-only for authors', async () => {
      const repo = new ExerciseRepo(h.prisma);
      const builtin = { slug: 'builtin-echo', title: 'Echo', spec: { port: 7 } };
      const first = await repo.installBuiltin(t.scope, builtin);
      expect((await repo.installBuiltin(t.scope, builtin)).id).toBe(first.id);
      expect((await repo.installBuiltin(t.scope, { ...builtin, spec: { port: 8 } })).version).toBe(2);
      await expect(repo.publishVersion(t.scope, first.exerciseId, { port: 9 })).rejects.toMatchObject({ code: 'exercise/builtin-read-only' });
      await expect(repo.installBuiltin(t.scope, { slug: 'echo', title: 'x', spec: {} })).rejects.toMatchObject({ code: 'db/conflict' });
    });

    it('keeps the statement and starter files with the version; changing either makes a new version', async () => {
      const repo = new ExerciseRepo(h.prisma);
      const starters = [{ language: 'c', files: [{ name: 'main.c', content: 'int main(void) { return 0; }\n' }] }];
      const builtin = { slug: 'with-statement', title: 'Statement', spec: { port: 7 }, statement: '# Echo\n', starters };
      const first = await repo.installBuiltin(t.scope, builtin);
      expect(first).toMatchObject({ version: 1, statement: '# Echo\n', starterFiles: starters });
      expect(first.contentHash).toBe(versionContentHash(builtin.spec, { statement: '# Echo\n', starters }));
      expect(first.contentHash).not.toBe(contentHash(builtin.spec));
      expect((await repo.installBuiltin(t.scope, builtin)).id).toBe(first.id);
      expect((await repo.installBuiltin(t.scope, { ...builtin, statement: '# Echo, reworded\n' })).version).toBe(2);
      const moreStarters = [...starters, { language: 'python', files: [{ name: 'main.py', content: '' }] }];
      expect((await repo.installBuiltin(t.scope, { ...builtin, starters: moreStarters })).version).toBe(3);
    });

    it('keeps U+0000 in a spec (a length-prefixed protocol’s bytes)', async () => {
      const repo = new ExerciseRepo(h.prisma);
      const exercise = await repo.create(t.scope, { slug: 'length-prefixed', title: 'Length prefixed' });
      const spec = { steps: [{ send: '\u0000\u0000\u0000\u0005hello' }] };
      const version = await repo.publishVersion(t.scope, exercise.id, spec);
      expect((await repo.getVersion(t.scope, version.id)).spec).toEqual(spec);
      expect((await repo.publishVersion(t.scope, exercise.id, spec)).id).toBe(version.id);
    });

    it('stores a bare spec with an empty statement and no starters, hashed as the spec alone', async () => {
      const version = await new ExerciseRepo(h.prisma).getVersion(t.scope, t.exerciseVersionId);
      expect(version).toMatchObject({ statement: '', starterFiles: [] });
      expect(version.contentHash).toBe(contentHash({ port: 7000 }));
    });

    it('reports a taken slug as db/conflict', async () => {
      await expect(new ExerciseRepo(h.prisma).create(t.scope, { slug: 'echo', title: 'again' })).rejects.toMatchObject({ code: 'db/conflict' });
    });
  });

  describe('API tokens', () => {
    it('stores only the hash and authenticates by it', async () => {
      const repo = new ApiTokenRepo(h.prisma);
      const { token, record } = await repo.create(t.scope, { userId: t.learnerId, name: 'ci', scopes: ['runs:read'] });
      expect(token).toMatch(/^slk_[A-Za-z0-9_-]{43}$/);
      expect(record.tokenHash).toBe(hashApiToken(token));
      expect(JSON.stringify(await h.prisma.apiToken.findMany())).not.toContain(token);

      const found = await repo.authenticate(token);
      expect(found).toMatchObject({ id: record.id, tenantId: t.scope.tenantId, scopes: ['runs:read'] });
      expect(found!.lastUsedAt).toBeInstanceOf(Date);
      expect(await repo.authenticate(`${token}x`)).toBeNull();
    });

    it('stamps lastUsedAt at most once a minute', async () => {
      const repo = new ApiTokenRepo(h.prisma);
      const { token } = await repo.create(t.scope, { userId: t.learnerId, name: 'busy', scopes: [] });
      const t0 = new Date('2029-01-01T00:00:00Z');
      expect((await repo.authenticate(token, t0))?.lastUsedAt).toEqual(t0);
      expect((await repo.authenticate(token, new Date(t0.getTime() + 59_000)))?.lastUsedAt).toEqual(t0);
      const later = new Date(t0.getTime() + 61_000);
      expect((await repo.authenticate(token, later))?.lastUsedAt).toEqual(later);
    });

    it('rejects revoked and expired tokens', async () => {
      const repo = new ApiTokenRepo(h.prisma);
      const revoked = await repo.create(t.scope, { userId: t.learnerId, name: 'old', scopes: [] });
      expect(await repo.revoke(t.scope, revoked.record.id)).toBe(true);
      expect(await repo.revoke(t.scope, revoked.record.id)).toBe(false);
      expect(await repo.authenticate(revoked.token)).toBeNull();

      const expiring = await repo.create(t.scope, { userId: t.learnerId, name: 'short', scopes: [], expiresAt: new Date('2030-01-01T00:00:00Z') });
      expect(await repo.authenticate(expiring.token, new Date('2029-12-31T23:59:59Z'))).not.toBeNull();
      expect(await repo.authenticate(expiring.token, new Date('2030-01-01T00:00:00Z'))).toBeNull();
    });
  });

  describe('audit log', () => {
    it('records entries newest first and refuses edits', async () => {
      const repo = new AuditRepo(h.prisma);
      const first = await repo.record(t.scope, { action: 'exercise.create', actorUserId: t.learnerId, targetType: 'exercise', targetId: 'e1' });
      await repo.record(t.scope, { action: 'run.cancel', data: { reason: 'test' } });
      expect((await repo.list(t.scope)).map((e) => e.action)).toEqual(['run.cancel', 'exercise.create']);
      await expect(h.prisma.auditEntry.update({ where: { id: first.id }, data: { action: 'forged' } })).rejects.toThrow(/immutable/);
    });
  });
});
