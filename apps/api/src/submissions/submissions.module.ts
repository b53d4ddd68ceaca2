import { Module } from '@nestjs/common';
import { ExercisesModule } from '../exercises/exercises.module';
import { SubmissionLimits } from './submission-limits';
import { SubmissionQueue } from './submission-queue';
import { SubmissionsController } from './submissions.controller';
import { SubmissionsService } from './submissions.service';

@Module({
  imports: [ExercisesModule],
  controllers: [SubmissionsController],
  providers: [SubmissionsService, SubmissionLimits, SubmissionQueue],
  exports: [SubmissionQueue],
})
export class SubmissionsModule {}
