import { createHash, randomBytes } from 'node:crypto';

import type { Db } from '../client';
import type { ApiToken } from '../generated/prisma/client';
import type { TenantScope } from '../tenant-scope';

/** Visible token prefix; lets secret scanners and people recognise socklab tokens. */
export const API_TOKEN_PREFIX = 'slk_';

/** How precisely lastUsedAt follows use. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * API tokens. The secret is returned once, at creation; only its sha256 is stored, and
 * look-up is by that hash (the token itself says which tenant it belongs to).
 */
export class ApiTokenRepo {
  constructor(private readonly db: Db) {}

  async create(
    scope: TenantScope,
    input: { userId: string; name: string; scopes: string[]; expiresAt?: Date | null },
  ): Promise<{ token: string; record: ApiToken }> {
    const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const record = await this.db.apiToken.create({
      data: {
        tenantId: scope.tenantId,
        userId: input.userId,
        name: input.name,
        scopes: input.scopes,
        expiresAt: input.expiresAt ?? null,
        tokenHash: hashApiToken(token),
        prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
      },
    });
    return { token, record };
  }

  /**
   * The token's record if it exists, is not revoked and not expired at `now`; stamps
   * lastUsedAt, at most once per LAST_USED_RESOLUTION_MS (a busy token would otherwise
   * serialise every request on one row lock). Null otherwise, without saying why
   * (callers answer 401 either way).
   */
  async authenticate(token: string, now: Date = new Date()): Promise<ApiToken | null> {
    const record = await this.db.apiToken.findUnique({ where: { tokenHash: hashApiToken(token) } });
    if (!record || record.revokedAt || (record.expiresAt && record.expiresAt <= now)) return null;
    if (record.lastUsedAt && now.getTime() - record.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return record;
    return this.db.apiToken.update({ where: { id: record.id }, data: { lastUsedAt: now } });
  }

  list(scope: TenantScope, userId?: string): Promise<ApiToken[]> {
    return this.db.apiToken.findMany({ where: { tenantId: scope.tenantId, ...(userId ? { userId } : {}) }, orderBy: { createdAt: 'desc' } });
  }

  /** One token of this tenant by id, whatever its state; null when the tenant has none such. */
  find(scope: TenantScope, id: string): Promise<ApiToken | null> {
    return this.db.apiToken.findFirst({ where: { tenantId: scope.tenantId, id } });
  }

  /** @returns false when no such live token exists in this tenant. */
  async revoke(scope: TenantScope, id: string, now: Date = new Date()): Promise<boolean> {
    const { count } = await this.db.apiToken.updateMany({ where: { tenantId: scope.tenantId, id, revokedAt: null }, data: { revokedAt: now } });
    return count === 1;
  }
}
