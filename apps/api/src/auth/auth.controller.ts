import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { AuthService, LoginResult } from './auth.service';
import { CurrentPrincipal, Public } from './decorators';
import type { Principal } from './principal';

const LoginRequestSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
  /** Tenant slug; needed only by users who belong to several tenants. */
  tenant: z.string().min(1).max(100).optional(),
});

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ description: 'A session token to send as "Authorization: Bearer <token>".' })
  @ApiUnauthorizedResponse({ description: 'auth/invalid-credentials' })
  login(@Body() body: unknown): Promise<LoginResult> {
    return this.auth.login(LoginRequestSchema.parse(body ?? {}));
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({
    description: 'Who the credential belongs to, in which tenant, with which role and scopes.',
  })
  me(@CurrentPrincipal() principal: Principal): Omit<Principal, 'tokenId'> {
    return {
      tenantId: principal.tenantId,
      userId: principal.userId,
      role: principal.role,
      scopes: principal.scopes,
      via: principal.via,
    };
  }
}
