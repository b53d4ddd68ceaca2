import { randomBytes } from 'node:crypto';
import { ApiTokenRepo, AuditRepo, TenantRepo, UserRepo, type PrismaClient } from '@socklab/db';
import { generatePassword, hashPassword } from '../auth/passwords';
import { API_SCOPES } from '../auth/scopes';
import { installBuiltinPack, loadBuiltinPack } from '../exercises/builtin/builtin-pack';

export interface BootstrapTenantInput {
  tenantName: string;
  email: string;
  /** Defaults to the name, lower-cased with runs of other characters turned into "-". */
  tenantSlug?: string;
  displayName?: string;
}

export interface BootstrappedTenant {
  tenant: { id: string; slug: string; name: string };
  owner: { id: string; email: string; password: string };
  /** An API token with every scope, shown once. */
  apiToken: { id: string; token: string; scopes: string[] };
  /** Slugs of the built-in exercises installed into the tenant. */
  builtinExercises: string[];
}

export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return slug || `tenant-${randomBytes(3).toString('hex')}`;
}

/**
 * First-run set-up of a tenant (for `socklab admin bootstrap`): the tenant, its owner with
 * a generated password, and an API token with every scope — in one transaction, so a
 * failure (a taken slug or email: `db/conflict`) leaves nothing behind. The password and
 * the token are returned once and stored only as hashes. Then the built-in exercise pack
 * is installed (idempotent; should it fail, the API installs it at its next start).
 */
export async function bootstrapTenant(
  prisma: PrismaClient,
  input: BootstrapTenantInput,
): Promise<BootstrappedTenant> {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const created = await prisma.$transaction(async (tx) => {
    const tenant = await new TenantRepo(tx).create({
      slug: input.tenantSlug ?? slugify(input.tenantName),
      name: input.tenantName,
    });
    const scope = { tenantId: tenant.id };
    const users = new UserRepo(tx);
    const user = await users.create({
      email: input.email,
      passwordHash,
      displayName: input.displayName ?? input.email.split('@')[0],
    });
    await users.addMember(scope, user.id, 'owner');
    const { token, record } = await new ApiTokenRepo(tx).create(scope, {
      userId: user.id,
      name: 'bootstrap',
      scopes: [...API_SCOPES],
    });
    await new AuditRepo(tx).record(scope, {
      action: 'tenant.bootstrap',
      actorUserId: user.id,
      targetType: 'tenant',
      targetId: tenant.id,
    });
    return {
      tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
      owner: { id: user.id, email: user.email, password },
      apiToken: { id: record.id, token, scopes: record.scopes },
    };
  });
  const builtinExercises = await installBuiltinPack(
    prisma,
    { tenantId: created.tenant.id },
    await loadBuiltinPack(),
  );
  return { ...created, builtinExercises };
}
