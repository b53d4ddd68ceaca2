import { Inject, Injectable } from '@nestjs/common';
import { API_TOKEN_PREFIX, ApiTokenRepo, PrismaClient, UserRepo } from '@socklab/db';
import { API_CONFIG, ApiConfig } from '../config/env';
import { PRISMA } from '../database/database.module';
import { AppError } from '../errors/app-error';
import { hashPassword, verifyPassword } from './passwords';
import type { Principal, Role } from './principal';
import { API_SCOPES, isApiScope } from './scopes';
import { SessionTokens } from './session-tokens';

export interface LoginResult {
  token: string;
  tokenType: 'Bearer';
  expiresAt: Date;
  user: { id: string; email: string; displayName: string };
  tenant: { id: string; slug: string; name: string };
  role: Role;
}

@Injectable()
export class AuthService {
  private readonly users: UserRepo;
  private readonly apiTokens: ApiTokenRepo;
  private readonly sessions: SessionTokens;
  /** Verified against when the email is unknown, so both failures take as long. */
  private decoyHash: Promise<string> | undefined;

  constructor(@Inject(PRISMA) prisma: PrismaClient, @Inject(API_CONFIG) config: ApiConfig) {
    this.users = new UserRepo(prisma);
    this.apiTokens = new ApiTokenRepo(prisma);
    this.sessions = new SessionTokens(config.session.secret, config.session.ttlSeconds);
  }

  /**
   * Email + password → a session token for one tenant. A user in several tenants names
   * the tenant by slug. A wrong email and a wrong password fail alike.
   */
  async login(input: { email: string; password: string; tenant?: string }): Promise<LoginResult> {
    const user = await this.users.findByEmail(input.email);
    this.decoyHash ??= hashPassword('decoy password that matches nothing');
    const passwordOk = await verifyPassword(user?.passwordHash ?? (await this.decoyHash), input.password);
    if (!user || !passwordOk)
      throw AppError.unauthenticated('auth/invalid-credentials', 'The email or the password is wrong.');

    const memberships = await this.users.membershipsOf(user.id);
    const chosen = input.tenant ? memberships.filter((m) => m.tenant.slug === input.tenant) : memberships;
    if (chosen.length === 0) {
      throw AppError.forbidden(
        'auth/not-a-member',
        input.tenant
          ? `You are not a member of tenant "${input.tenant}".`
          : 'You are not a member of any tenant yet.',
      );
    }
    if (chosen.length > 1) {
      throw AppError.invalid(
        'auth/tenant-required',
        'You belong to several tenants: say which one in "tenant".',
        {
          tenants: chosen.map((m) => ({ slug: m.tenant.slug, name: m.tenant.name })),
        },
      );
    }
    const { tenant, role } = chosen[0];
    const { token, expiresAt } = this.sessions.issue({ userId: user.id, tenantId: tenant.id, role });
    return {
      token,
      tokenType: 'Bearer',
      expiresAt,
      user: { id: user.id, email: user.email, displayName: user.displayName },
      tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
      role,
    };
  }

  /** The principal behind a bearer credential (session or `slk_` API token), or null. */
  async authenticate(credential: string): Promise<Principal | null> {
    if (credential.startsWith(API_TOKEN_PREFIX)) {
      const record = await this.apiTokens.authenticate(credential);
      if (!record) return null;
      const membership = await this.users.getMembership({ tenantId: record.tenantId }, record.userId);
      if (!membership) return null;
      return {
        tenantId: record.tenantId,
        userId: record.userId,
        role: membership.role,
        scopes: record.scopes.filter(isApiScope),
        via: 'api-token',
        tokenId: record.id,
      };
    }
    const claims = this.sessions.verify(credential);
    if (!claims) return null;
    const membership = await this.users.getMembership({ tenantId: claims.tid }, claims.uid);
    if (!membership) return null;
    return {
      tenantId: claims.tid,
      userId: claims.uid,
      role: membership.role,
      scopes: API_SCOPES,
      via: 'session',
    };
  }
}
