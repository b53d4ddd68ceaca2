import { Inject, Injectable } from '@nestjs/common';
import { ApiTokenRepo, AuditRepo, PrismaClient } from '@socklab/db';
import { auditActor, type Principal } from '../auth/principal';
import type { ApiScope } from '../auth/scopes';
import { PRISMA } from '../database/database.module';
import { AppError } from '../errors/app-error';
import { toApiTokenView, type ApiTokenView, type CreatedApiToken } from './token-views';

export interface CreateTokenInput {
  name: string;
  scopes: ApiScope[];
  /** Null: the token does not expire. */
  expiresAt: Date | null;
}

/**
 * API tokens of the caller. A member creates tokens for themself, with at most the scopes
 * of the credential they use (a session holds every scope), so no token ever mints a
 * wider one. Members list and revoke their own tokens; owners may also list and revoke
 * every token of their tenant. Someone else's token is a 404.
 */
@Injectable()
export class TokensService {
  private readonly tokens: ApiTokenRepo;
  private readonly audit: AuditRepo;

  constructor(@Inject(PRISMA) prisma: PrismaClient) {
    this.tokens = new ApiTokenRepo(prisma);
    this.audit = new AuditRepo(prisma);
  }

  async create(
    principal: Principal,
    input: CreateTokenInput,
    now: Date = new Date(),
  ): Promise<CreatedApiToken> {
    const beyond = input.scopes.filter((scope) => !principal.scopes.includes(scope));
    if (beyond.length > 0) {
      throw AppError.forbidden(
        'api-token/scope-not-held',
        `A new token can have only scopes your credential has; it lacks ${beyond.join(', ')}.`,
        { requested: input.scopes, held: principal.scopes },
      );
    }
    if (input.expiresAt && input.expiresAt <= now) {
      throw AppError.invalid(
        'api-token/expiry-in-past',
        'expiresAt must be in the future (or null: no expiry).',
        [{ path: 'expiresAt', message: 'in the past' }],
      );
    }
    const scope = { tenantId: principal.tenantId };
    const { token, record } = await this.tokens.create(scope, {
      userId: principal.userId,
      name: input.name,
      scopes: [...new Set(input.scopes)],
      expiresAt: input.expiresAt,
    });
    await this.audit.record(scope, {
      action: 'api-token.create',
      ...auditActor(principal),
      targetType: 'api-token',
      targetId: record.id,
      data: { name: record.name, scopes: record.scopes },
    });
    return { ...toApiTokenView(record, now), token };
  }

  async list(principal: Principal, wholeTenant: boolean): Promise<ApiTokenView[]> {
    if (wholeTenant && principal.role !== 'owner') {
      throw AppError.forbidden('auth/forbidden', 'Only owners list the tokens of the whole tenant.');
    }
    const records = await this.tokens.list(
      { tenantId: principal.tenantId },
      wholeTenant ? undefined : principal.userId,
    );
    const now = new Date();
    return records.map((record) => toApiTokenView(record, now));
  }

  /** Revokes at once (the next request with it gets 401); revoking a revoked token is a no-op. */
  async revoke(principal: Principal, id: string): Promise<void> {
    const scope = { tenantId: principal.tenantId };
    const record = await this.tokens.find(scope, id);
    if (!record || (record.userId !== principal.userId && principal.role !== 'owner')) {
      throw AppError.notFound('api-token/not-found', `No API token ${id} of yours.`);
    }
    if (!(await this.tokens.revoke(scope, id))) return;
    await this.audit.record(scope, {
      action: 'api-token.revoke',
      ...auditActor(principal),
      targetType: 'api-token',
      targetId: id,
    });
  }
}
