import { Module } from '@nestjs/common';
import { SelfTestsController } from './self-tests.controller';
import { SelfTestsService } from './self-tests.service';

@Module({ controllers: [SelfTestsController], providers: [SelfTestsService] })
export class SelfTestsModule {}
