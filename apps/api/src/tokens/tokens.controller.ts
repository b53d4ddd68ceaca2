import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { API_SCOPES } from '../auth/scopes';
import { IdParam } from '../common/id-param';
import type { ApiTokenView, CreatedApiToken } from './token-views';
import { TokensService } from './tokens.service';

const CreateTokenSchema = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(API_SCOPES)).min(1),
  /** ISO time; omitted or null: the token never expires. */
  expiresAt: z.coerce.date().nullable().optional(),
});

const ListTokensQuerySchema = z.object({ all: z.enum(['true', 'false']).optional() });

@ApiTags('auth')
@ApiBearerAuth()
@Controller('tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  @Post()
  @ApiCreatedResponse({ description: 'The token, with its secret shown this once ("token").' })
  @ApiForbiddenResponse({ description: 'api-token/scope-not-held: more scopes than your credential has.' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<CreatedApiToken> {
    const input = CreateTokenSchema.parse(body ?? {});
    return this.tokens.create(principal, { ...input, expiresAt: input.expiresAt ?? null });
  }

  @Get()
  @ApiQuery({ name: 'all', required: false, description: 'true: every token of the tenant (owners only).' })
  @ApiOkResponse({ description: 'Your tokens (no secrets), newest first.' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: unknown): Promise<ApiTokenView[]> {
    return this.tokens.list(principal, ListTokensQuerySchema.parse(query).all === 'true');
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked; requests with it now get 401.' })
  @ApiNotFoundResponse({ description: 'api-token/not-found' })
  revoke(@CurrentPrincipal() principal: Principal, @IdParam('id', 'api-token') id: string): Promise<void> {
    return this.tokens.revoke(principal, id);
  }
}
