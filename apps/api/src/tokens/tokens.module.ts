import { Module } from '@nestjs/common';
import { TokensController } from './tokens.controller';
import { TokensService } from './tokens.service';

/** API token management for members: create (secret shown once), list, revoke. */
@Module({ controllers: [TokensController], providers: [TokensService] })
export class TokensModule {}
