import { Module } from '@nestjs/common';
import { AssignmentsController, CoursesController } from './courses.controller';
import { CoursesService } from './courses.service';

@Module({ controllers: [CoursesController, AssignmentsController], providers: [CoursesService] })
export class CoursesModule {}
