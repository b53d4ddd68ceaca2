import { Module } from '@nestjs/common';
import { RegradesController } from './regrades.controller';
import { RegradesService } from './regrades.service';

@Module({ controllers: [RegradesController], providers: [RegradesService] })
export class RegradesModule {}
