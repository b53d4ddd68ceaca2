/**
 * The tenant a request acts for, established by authentication. Every tenant-owned
 * query a repository runs filters on `tenantId`, and every tenant-owned row it writes
 * carries it; composite foreign keys make the database refuse any cross-tenant link.
 */
export interface TenantScope {
  readonly tenantId: string;
}
