import type { Db } from '../client';
import type { AuditEntry, Prisma } from '../generated/prisma/client';
import type { TenantScope } from '../tenant-scope';

export interface AuditRecord {
  action: string;
  actorUserId?: string | null;
  actorTokenId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  data?: Prisma.InputJsonValue;
}

/** Append-only audit log (the database refuses UPDATE on AuditEntry). */
export class AuditRepo {
  constructor(private readonly db: Db) {}

  record(scope: TenantScope, entry: AuditRecord): Promise<AuditEntry> {
    return this.db.auditEntry.create({ data: { ...entry, tenantId: scope.tenantId } });
  }

  /** Newest first; page with `before` = the createdAt of the last entry seen. */
  list(scope: TenantScope, options: { limit?: number; before?: Date } = {}): Promise<AuditEntry[]> {
    return this.db.auditEntry.findMany({
      where: { tenantId: scope.tenantId, ...(options.before ? { createdAt: { lt: options.before } } : {}) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: Math.min(options.limit ?? 50, 500),
    });
  }
}
