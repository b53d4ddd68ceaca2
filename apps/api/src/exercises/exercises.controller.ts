import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles, Scopes } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../common/id-param';
import { readExerciseSpec, YAML_MEDIA_TYPES } from './exercise-spec-input';
import type { ExerciseDetail, ExerciseSummary } from './exercise-views';
import { ExercisesService, PublishedExercise } from './exercises.service';

@ApiTags('exercises')
@ApiBearerAuth()
@Controller('exercises')
export class ExercisesController {
  constructor(private readonly exercises: ExercisesService) {}

  @Get()
  @Scopes('exercises:read')
  @ApiOkResponse({
    description: 'Exercises you may see: staff all of the tenant, learners the published ones.',
  })
  list(@CurrentPrincipal() principal: Principal): Promise<ExerciseSummary[]> {
    return this.exercises.list(principal);
  }

  @Get(':id')
  @Scopes('exercises:read')
  @ApiOkResponse({
    description:
      'The exercise with its latest version: the spec (learners: what they may read of it), the statement ' +
      '(Markdown) and the starter files per language.',
  })
  @ApiNotFoundResponse({ description: 'exercise/not-found' })
  get(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'exercise') id: string,
  ): Promise<ExerciseDetail> {
    return this.exercises.get(principal, id);
  }

  @Post()
  @Roles('instructor', 'owner')
  @Scopes('exercises:write')
  @ApiConsumes(...YAML_MEDIA_TYPES, 'application/json')
  @ApiCreatedResponse({
    description: 'A new version was created (and the exercise, if its metadata.id was new).',
  })
  @ApiOkResponse({ description: 'The spec equals an existing version, which is returned.' })
  @ApiUnprocessableEntityResponse({ description: 'exercise/invalid-spec, with every error and its path.' })
  async publish(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PublishedExercise> {
    const published = await this.exercises.publish(principal, readExerciseSpec(body));
    response.status(published.created ? 201 : 200);
    return published;
  }
}
