import type { Db } from '../client';
import type { Membership, MembershipRole, Tenant, User } from '../generated/prisma/client';
import { conflictAs } from '../prisma-errors';
import type { TenantScope } from '../tenant-scope';

/** Users are global; what a user may see of a tenant is decided by their Membership. */
export class UserRepo {
  constructor(private readonly db: Db) {}

  /** Emails are compared case-insensitively: stored trimmed and lower-cased. */
  static normalizeEmail(email: string): string {
    return email.trim().toLowerCase();
  }

  create(input: { email: string; passwordHash: string; displayName: string }): Promise<User> {
    const email = UserRepo.normalizeEmail(input.email);
    return conflictAs(`A user with email ${email} already exists.`, () => this.db.user.create({ data: { ...input, email } }));
  }

  findByEmail(email: string): Promise<User | null> {
    return this.db.user.findUnique({ where: { email: UserRepo.normalizeEmail(email) } });
  }

  findById(id: string): Promise<User | null> {
    return this.db.user.findUnique({ where: { id } });
  }

  /** Tenants the user belongs to, with their role: the user's own data, across tenants. */
  membershipsOf(userId: string): Promise<(Membership & { tenant: Tenant })[]> {
    return this.db.membership.findMany({ where: { userId }, include: { tenant: true }, orderBy: { createdAt: 'asc' } });
  }

  addMember(scope: TenantScope, userId: string, role: MembershipRole): Promise<Membership> {
    return conflictAs(`User ${userId} is already a member of this tenant.`, () =>
      this.db.membership.create({ data: { tenantId: scope.tenantId, userId, role } }),
    );
  }

  getMembership(scope: TenantScope, userId: string): Promise<Membership | null> {
    return this.db.membership.findUnique({ where: { tenantId_userId: { tenantId: scope.tenantId, userId } } });
  }

  listMembers(scope: TenantScope): Promise<(Membership & { user: User })[]> {
    return this.db.membership.findMany({ where: { tenantId: scope.tenantId }, include: { user: true }, orderBy: { createdAt: 'asc' } });
  }

  async setRole(scope: TenantScope, userId: string, role: MembershipRole): Promise<boolean> {
    const { count } = await this.db.membership.updateMany({ where: { tenantId: scope.tenantId, userId }, data: { role } });
    return count === 1;
  }
}
