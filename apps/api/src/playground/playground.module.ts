import { Module } from '@nestjs/common';
import { SubmissionsModule } from '../submissions/submissions.module';
import { PlaygroundController } from './playground.controller';
import { PlaygroundService } from './playground.service';

@Module({
  imports: [SubmissionsModule],
  controllers: [PlaygroundController],
  providers: [PlaygroundService],
})
export class PlaygroundModule {}
