import type { MembershipRole } from '@socklab/db';
import type { ApiScope } from './scopes';

export type Role = MembershipRole;

/**
 * Who is calling, established by the auth guard for every non-public route. Every query
 * a handler runs is scoped to `tenantId`; `role` is the member's current role, read from
 * the database on each request (so a demotion or removal takes effect at once).
 */
export interface Principal {
  readonly tenantId: string;
  readonly userId: string;
  readonly role: Role;
  readonly scopes: readonly ApiScope[];
  readonly via: 'session' | 'api-token';
  /** Set when `via` is 'api-token' (for the audit log). */
  readonly tokenId?: string;
}

/** Instructors and owners see and manage everything in their tenant; learners their own. */
export function isStaff(principal: Pick<Principal, 'role'>): boolean {
  return principal.role === 'owner' || principal.role === 'instructor';
}

/** Who the audit log names for an action: the member and, when they used one, the API token. */
export function auditActor(principal: Pick<Principal, 'userId' | 'tokenId'>): {
  actorUserId: string;
  actorTokenId: string | null;
} {
  return { actorUserId: principal.userId, actorTokenId: principal.tokenId ?? null };
}
