/**
 * `socklab admin bootstrap | add-member`: first-run administration straight against the
 * database (no API needed). Both apply pending migrations first, creating the database if
 * the server has none of that name. Results are JSON on stdout, so a script can read them;
 * passwords and tokens appear there once and are stored only as hashes.
 *
 *   bootstrap --tenant NAME --email E [--slug S]   a tenant, its owner (generated password)
 *                                                  and an API token with every scope
 *   add-member --tenant SLUG --email E --role R    a member of an existing tenant; a new
 *                                                  user gets a generated password
 *
 * --database-url overrides DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/socklab).
 * Exit 2 when the input is refused (a taken slug or email, an unknown tenant), 1 when the
 * database cannot be reached.
 */
import { isDbError, TenantRepo, UserRepo, createPrismaClient, type MembershipRole } from '@socklab/db';
import { parseCommandArgs } from '../args';
import { CliError, EXIT_OK } from '../cli-error';
import type { Output } from '../output';
import { bootstrapTenant, generatePassword, hashPassword } from '../service/api-accounts';
import { DEFAULT_DATABASE_URL, prepareDatabase } from '../service/database';

const USAGE = `usage: socklab admin bootstrap --tenant NAME --email E [--slug S] [--database-url URL]
       socklab admin add-member --tenant SLUG --email E --role learner|instructor|owner [--database-url URL]`;

const COMMON_OPTIONS = {
  tenant: { type: 'string' },
  email: { type: 'string' },
  'database-url': { type: 'string' },
} as const;

const ROLES: readonly MembershipRole[] = ['learner', 'instructor', 'owner'];

export async function adminCommand(argv: string[], out: Output): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'bootstrap') return bootstrap(rest, out);
  if (sub === 'add-member') return addMember(rest, out);
  throw new CliError('cli/usage', USAGE);
}

async function bootstrap(argv: string[], out: Output): Promise<number> {
  const { values } = parseCommandArgs(argv, { ...COMMON_OPTIONS, slug: { type: 'string' } }, USAGE);
  const tenantName = required(values.tenant, 'tenant');
  const email = required(values.email, 'email');
  const result = await withDatabase(values['database-url'], (prisma) =>
    bootstrapTenant(prisma, { tenantName, email, tenantSlug: values.slug }),
  );
  out.line(JSON.stringify(result, null, 2));
  return EXIT_OK;
}

async function addMember(argv: string[], out: Output): Promise<number> {
  const { values } = parseCommandArgs(argv, { ...COMMON_OPTIONS, role: { type: 'string' } }, USAGE);
  const slug = required(values.tenant, 'tenant');
  const email = required(values.email, 'email');
  const role = required(values.role, 'role') as MembershipRole;
  if (!ROLES.includes(role)) throw new CliError('cli/usage', `--role ${role}: choose ${ROLES.join(', ')}`);
  const result = await withDatabase(values['database-url'], async (prisma) => {
    const tenant = await new TenantRepo(prisma).findBySlug(slug);
    if (!tenant) throw new CliError('tenant/not-found', `no tenant with slug "${slug}"`);
    const password = generatePassword();
    const passwordHash = await hashPassword(password);
    return prisma.$transaction(async (tx) => {
      const users = new UserRepo(tx);
      const existing = await users.findByEmail(email);
      const user =
        existing ?? (await users.create({ email, passwordHash, displayName: email.split('@')[0] ?? email }));
      await users.addMember({ tenantId: tenant.id }, user.id, role);
      return {
        tenant: { id: tenant.id, slug: tenant.slug },
        user: { id: user.id, email: user.email, ...(existing ? {} : { password }) },
        role,
      };
    });
  });
  out.line(JSON.stringify(result, null, 2));
  return EXIT_OK;
}

/** Prepares the database, hands a client to `work`, and turns refusals into exit 2. */
async function withDatabase<T>(
  urlOption: string | undefined,
  work: (prisma: ReturnType<typeof createPrismaClient>) => Promise<T>,
): Promise<T> {
  const databaseUrl = urlOption ?? process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL;
  await prepareDatabase(databaseUrl);
  const prisma = createPrismaClient(databaseUrl, { maxConnections: 2 });
  try {
    return await work(prisma);
  } catch (error) {
    if (isDbError(error, 'db/conflict')) throw new CliError('db/conflict', error.message);
    throw error;
  } finally {
    await prisma.$disconnect();
  }
}

function required(value: string | undefined, name: string): string {
  if (value === undefined || value.trim() === '')
    throw new CliError('cli/usage', `--${name} is required\n${USAGE}`);
  return value;
}
