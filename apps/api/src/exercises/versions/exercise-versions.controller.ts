import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, Scopes } from '../../auth/decorators';
import type { Principal } from '../../auth/principal';
import { IdParam } from '../../common/id-param';
import { ExerciseVersionsService } from './exercise-versions.service';
import { VersionParam } from './version-param';
import type { ExerciseVersionDetail, ExerciseVersionSummary } from './version-views';

const SUMMARY_EXAMPLE = {
  id: '0b8e6d3c-5f0e-4c8e-9a57-3c2b1d0e9f11',
  exerciseId: '7d1f4a2b-9c3e-4b5d-8e6f-1a2b3c4d5e6f',
  version: 2,
  contentHash: 'c0ffee…',
  createdAt: '2026-11-23T09:00:00.000Z',
  solutions: { reference: ['c', 'python'], faulty: [{ name: 'never-closes', languages: ['c'] }] },
  latestSelfTest: {
    id: '5a6b7c8d-1e2f-4a3b-9c4d-5e6f7a8b9c0d',
    status: 'passed',
    createdAt: '2026-11-23T09:01:00.000Z',
    finishedAt: '2026-11-23T09:02:10.000Z',
  },
};

@ApiTags('exercises')
@ApiBearerAuth()
@Controller('exercises/:id/versions')
@Roles('instructor', 'owner')
export class ExerciseVersionsController {
  constructor(private readonly versions: ExerciseVersionsService) {}

  @Get()
  @Scopes('exercises:read')
  @ApiOkResponse({
    description: 'Every version of the exercise, newest first, with which solutions it holds and its latest self-test.',
    schema: { example: [SUMMARY_EXAMPLE] },
  })
  @ApiForbiddenResponse({ description: 'auth/forbidden: learners do not see versions.' })
  @ApiNotFoundResponse({ description: 'exercise/not-found' })
  list(@CurrentPrincipal() principal: Principal, @IdParam('id', 'exercise') id: string): Promise<ExerciseVersionSummary[]> {
    return this.versions.list(principal, id);
  }

  @Get(':version')
  @Scopes('exercises:read')
  @ApiOkResponse({
    description:
      'One version whole: spec, statement, starter files, and the solution files (staff only; learners never see them).',
    schema: {
      example: {
        ...SUMMARY_EXAMPLE,
        spec: { apiVersion: 'socklab.dev/v1', kind: 'Exercise', metadata: { id: 'half-close-echo' } },
        statement: '# Echo until the client half-closes\n…',
        starters: [{ language: 'c', files: [{ name: 'main.c', content: '…' }] }],
        solutionFiles: {
          reference: [{ language: 'c', files: [{ name: 'main.c', content: '…' }] }],
          faulty: [
            {
              name: 'never-closes',
              description: 'stays in CLOSE_WAIT',
              mustFail: ['server-close-path'],
              sources: [{ language: 'c', files: [{ name: 'main.c', content: '…' }] }],
            },
          ],
        },
      },
    },
  })
  @ApiNotFoundResponse({ description: 'exercise/not-found, exercise/version-not-found' })
  get(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'exercise') id: string,
    @VersionParam() version: number,
  ): Promise<ExerciseVersionDetail> {
    return this.versions.get(principal, id, version);
  }
}
