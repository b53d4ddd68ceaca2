import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { TenantRepo } from '@socklab/db';
import { loadPackExercise, packExerciseIds, PACK_DIR } from '@socklab/pack';
import request from 'supertest';
import { bootstrapTenant } from '../src/bootstrap';
import { createApiApp } from '../src/create-app';
import { BuiltinPackInstaller } from '../src/exercises/builtin/builtin-pack-installer';
import { addMember, bearer, startTestApi, type Member, type TestApi } from './support/test-api';

/** Pack exercises that load; others are being written while this runs and are skipped by design. */
async function loadablePackIds(): Promise<string[]> {
  const ids: string[] = [];
  for (const id of packExerciseIds()) if ((await loadPackExercise(id)).ok) ids.push(id);
  return ids;
}

describe('the built-in exercise pack', () => {
  let api: TestApi;
  let learner: Member;
  let tenantId: string;
  let packIds: string[];
  const exercisesOf = (token: string) =>
    request(api.http)
      .get('/api/v1/exercises')
      .set(...bearer(token))
      .expect(200);

  beforeAll(async () => {
    api = await startTestApi();
    packIds = await loadablePackIds();
    const boot = await bootstrapTenant(api.prisma, { tenantName: 'Pack School', email: 'owner@pack.test' });
    tenantId = boot.tenant.id;
    learner = await addMember(api, tenantId, 'learner@pack.test', 'learner');
  }, 60_000);
  afterAll(() => api?.close());

  it('is installed into a new tenant, visible to its learners', async () => {
    expect(packIds).toContain('half-close-echo');
    const listed = (await exercisesOf(learner.token)).body as { slug: string; builtin: boolean }[];
    expect(listed.filter((e) => e.builtin).map((e) => e.slug)).toEqual([...packIds].sort());
  });

  it('gives learners the statement and the starter files of every language', async () => {
    const listed = (await exercisesOf(learner.token)).body as { id: string; slug: string }[];
    const id = listed.find((e) => e.slug === 'half-close-echo')?.id;
    const res = await request(api.http)
      .get(`/api/v1/exercises/${id}`)
      .set(...bearer(learner.token))
      .expect(200);
    const folder = join(PACK_DIR, 'half-close-echo');
    expect(res.body.statement).toBe(readFileSync(join(folder, 'statement.md'), 'utf8'));
    const loaded = await loadPackExercise('half-close-echo');
    if (!loaded.ok) throw new Error('half-close-echo does not load');
    const languages = loaded.value.starter.map((tree) => tree.language).sort();
    expect(res.body.starters.map((s: { language: string }) => s.language)).toEqual(languages);
    for (const tree of loaded.value.starter) {
      const served = res.body.starters.find((s: { language: string }) => s.language === tree.language);
      expect(served.files.map((f: { name: string }) => f.name)).toEqual(tree.files);
      for (const file of served.files as { name: string; content: string }[])
        expect(file.content).toBe(readFileSync(join(tree.dir, file.name), 'utf8'));
    }
  });

  it('is installed idempotently: installing again adds no version', async () => {
    const versions = () => api.prisma.exerciseVersion.count({ where: { tenantId } });
    const before = await versions();
    expect(await api.app.get(BuiltinPackInstaller).installEverywhere()).toBeGreaterThanOrEqual(1);
    expect(await versions()).toBe(before);
  });

  it('reaches, at API start, a tenant created without it', async () => {
    const bare = await new TenantRepo(api.prisma).create({ slug: 'bare', name: 'Bare' });
    expect(await api.prisma.exercise.count({ where: { tenantId: bare.id } })).toBe(0);
    let second: INestApplication | undefined;
    try {
      second = await createApiApp(api.config, { probes: [], logger: false });
      await second.init();
    } finally {
      await second?.close();
    }
    const installed = await api.prisma.exercise.findMany({
      where: { tenantId: bare.id },
      select: { slug: true },
    });
    expect(installed.map((e) => e.slug).sort()).toEqual([...packIds].sort());
  });
});
