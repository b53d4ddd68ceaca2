import { Module } from '@nestjs/common';
import { BuiltinPackInstaller } from './builtin/builtin-pack-installer';
import { ExercisesController } from './exercises.controller';
import { ExercisesService } from './exercises.service';
import { ExerciseUploadsController } from './upload/exercise-uploads.controller';
import { ExerciseVersionsController } from './versions/exercise-versions.controller';
import { ExerciseVersionsService } from './versions/exercise-versions.service';

@Module({
  controllers: [ExercisesController, ExerciseUploadsController, ExerciseVersionsController],
  providers: [ExercisesService, ExerciseVersionsService, BuiltinPackInstaller],
  exports: [ExercisesService],
})
export class ExercisesModule {}
