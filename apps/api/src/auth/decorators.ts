import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal, Role } from './principal';
import type { ApiScope } from './scopes';

export const PUBLIC_KEY = 'socklab:public';
export const ROLES_KEY = 'socklab:roles';
export const SCOPES_KEY = 'socklab:scopes';

/** The route needs no credentials (health probes, login). Every other route does. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/** The member must hold one of these roles; otherwise 403 `auth/forbidden`. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/** The credential must carry every one of these scopes; otherwise 403 `auth/insufficient-scope`. */
export const Scopes = (...scopes: ApiScope[]): MethodDecorator & ClassDecorator =>
  SetMetadata(SCOPES_KEY, scopes);

export interface AuthenticatedRequest {
  principal?: Principal;
}

/** The caller established by the auth guard. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route the auth guard did not authenticate');
  return principal;
});
