import { DbError } from '../errors';
import type { Db } from '../client';
import type { Tenant } from '../generated/prisma/client';
import { conflictAs } from '../prisma-errors';
import type { TenantScope } from '../tenant-scope';

export class TenantRepo {
  constructor(private readonly db: Db) {}

  create(input: { slug: string; name: string }): Promise<Tenant> {
    return conflictAs(`A tenant with slug "${input.slug}" already exists.`, () => this.db.tenant.create({ data: input }));
  }

  async get(scope: TenantScope): Promise<Tenant> {
    const tenant = await this.db.tenant.findUnique({ where: { id: scope.tenantId } });
    if (!tenant) throw new DbError('tenant/not-found', `No tenant ${scope.tenantId}.`);
    return tenant;
  }

  findBySlug(slug: string): Promise<Tenant | null> {
    return this.db.tenant.findUnique({ where: { slug } });
  }
}
