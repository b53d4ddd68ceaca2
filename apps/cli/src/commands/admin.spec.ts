import { createPrismaClient, createTestDatabase, hashApiToken, type TestDatabase } from '@socklab/db';
import { verify } from '@node-rs/argon2';
import { runCli } from '../main';
import { memoryOutput } from '../output';

jest.setTimeout(60_000);

describe('socklab admin', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    // Not migrated: the command applies the migrations itself.
    db = await createTestDatabase({ migrated: false });
  });
  afterAll(() => db?.drop());

  async function admin(...argv: string[]) {
    const out = memoryOutput();
    const code = await runCli(['admin', ...argv, '--database-url', db.url], out);
    return { code, out, json: code === 0 ? JSON.parse(out.stdout.join('\n')) : undefined };
  }

  it('bootstraps a tenant with an owner whose password and API token the database accepts', async () => {
    const { code, json } = await admin('bootstrap', '--tenant', 'Acme Networks', '--email', 'Boss@Acme.test');
    expect(code).toBe(0);
    expect(json).toMatchObject({
      tenant: { slug: 'acme-networks', name: 'Acme Networks' },
      owner: { email: 'boss@acme.test' },
      apiToken: { scopes: expect.arrayContaining(['submissions:write', 'runs:read', 'exercises:write']) },
    });
    const prisma = createPrismaClient(db.url, { maxConnections: 1 });
    try {
      const owner = await prisma.user.findUniqueOrThrow({ where: { email: 'boss@acme.test' } });
      expect(await verify(owner.passwordHash, json.owner.password)).toBe(true);
      const membership = await prisma.membership.findFirstOrThrow({ where: { userId: owner.id } });
      expect(membership).toMatchObject({ tenantId: json.tenant.id, role: 'owner' });
      const token = await prisma.apiToken.findFirstOrThrow({ where: { id: json.apiToken.id } });
      expect(token.tokenHash).toBe(hashApiToken(json.apiToken.token));
    } finally {
      await prisma.$disconnect();
    }
  });

  it('refuses a second tenant with a taken slug, exit 2, leaving nothing behind', async () => {
    const { code, out } = await admin('bootstrap', '--tenant', 'acme networks', '--email', 'other@acme.test');
    expect(code).toBe(2);
    expect(out.stderr.join('\n')).toMatch(/acme-networks.*already exists/);
    const prisma = createPrismaClient(db.url, { maxConnections: 1 });
    try {
      expect(await prisma.user.findUnique({ where: { email: 'other@acme.test' } })).toBeNull();
    } finally {
      await prisma.$disconnect();
    }
  });

  it('adds a learner with a generated password, and an existing user without a new one', async () => {
    const added = await admin(
      'add-member',
      '--tenant',
      'acme-networks',
      '--email',
      'ann@acme.test',
      '--role',
      'learner',
    );
    expect(added.code).toBe(0);
    expect(added.json).toMatchObject({ role: 'learner', user: { email: 'ann@acme.test' } });
    expect(added.json.user.password).toEqual(expect.any(String));

    await admin('bootstrap', '--tenant', 'Beta', '--email', 'beta@beta.test');
    const again = await admin(
      'add-member',
      '--tenant',
      'beta',
      '--email',
      'ann@acme.test',
      '--role',
      'instructor',
    );
    expect(again.code).toBe(0);
    expect(again.json.user.password).toBeUndefined();

    const twice = await admin(
      'add-member',
      '--tenant',
      'beta',
      '--email',
      'ann@acme.test',
      '--role',
      'learner',
    );
    expect(twice.code).toBe(2);
    expect(twice.out.stderr.join('\n')).toMatch(/already a member/);
  });

  it('names the unknown tenant, the bad role and the missing option', async () => {
    const unknown = await admin('add-member', '--tenant', 'nope', '--email', 'x@y.test', '--role', 'learner');
    expect(unknown.code).toBe(2);
    expect(unknown.out.stderr.join('\n')).toMatch(/no tenant with slug "nope"/);
    const role = await admin('add-member', '--tenant', 'beta', '--email', 'x@y.test', '--role', 'admin');
    expect(role.out.stderr.join('\n')).toMatch(/--role admin/);
    const missing = await admin('bootstrap', '--tenant', 'Gamma');
    expect(missing.code).toBe(2);
    expect(missing.out.stderr.join('\n')).toMatch(/--email is required/);
  });
});
