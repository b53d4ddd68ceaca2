import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '../errors/app-error';
import { addLogContext } from '../logging/log-context';
import { AuthService } from './auth.service';
import { AuthenticatedRequest, PUBLIC_KEY, ROLES_KEY, SCOPES_KEY } from './decorators';
import type { Role } from './principal';
import { assertScopes, type ApiScope } from './scopes';

/**
 * Global guard: every route needs `Authorization: Bearer <session | slk_ API token>`
 * unless marked @Public(). Puts the Principal on the request, then enforces @Roles()
 * and @Scopes(). Role and scope checks concern the route, never a resource, so they
 * reveal nothing about what exists; resource access is decided in the services
 * (another tenant's or learner's resource is a 404).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // WebSocket gateways authenticate their handshake themselves (live/live-authenticator.ts).
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context
      .switchToHttp()
      .getRequest<AuthenticatedRequest & { headers: Record<string, unknown> }>();
    const header = request.headers['authorization'];
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
    if (!match) {
      throw AppError.unauthenticated(
        'auth/unauthenticated',
        'Send "Authorization: Bearer <token>" (a session or an API token).',
      );
    }
    const principal = await this.auth.authenticate(match[1]);
    if (!principal) {
      throw AppError.unauthenticated(
        'auth/invalid-token',
        'The token is unknown, expired or revoked; log in again or use another token.',
      );
    }
    request.principal = principal;
    addLogContext({ tenantId: principal.tenantId, userId: principal.userId });

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) {
      throw AppError.forbidden(
        'auth/forbidden',
        `This needs the role ${roles.join(' or ')}; you are ${principal.role}.`,
      );
    }
    assertScopes(
      principal.scopes,
      this.reflector.getAllAndOverride<ApiScope[] | undefined>(SCOPES_KEY, targets) ?? [],
    );
    return true;
  }
}
