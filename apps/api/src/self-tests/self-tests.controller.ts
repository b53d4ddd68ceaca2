import { Controller, Get, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles, Scopes } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../common/id-param';
import { VersionParam } from '../exercises/versions/version-param';
import type { SelfTestView } from './self-test-views';
import { SelfTestsService } from './self-tests.service';

const SELF_TEST_EXAMPLE = {
  id: '5a6b7c8d-1e2f-4a3b-9c4d-5e6f7a8b9c0d',
  exerciseId: '7d1f4a2b-9c3e-4b5d-8e6f-1a2b3c4d5e6f',
  exerciseVersionId: '0b8e6d3c-5f0e-4c8e-9a57-3c2b1d0e9f11',
  version: 2,
  status: 'failed',
  attempt: 1,
  requestedById: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
  queuedAt: '2026-11-23T09:01:00.000Z',
  startedAt: '2026-11-23T09:01:01.000Z',
  finishedAt: '2026-11-23T09:02:10.000Z',
  progress: { finished: 2, total: 2 },
  results: [
    {
      kind: 'reference',
      name: 'reference',
      language: 'c',
      ok: true,
      score: 100,
      maxScore: 100,
      gradable: true,
      failedChecks: [],
      expectedFailures: [],
      problems: [],
      durationMs: 4210,
      build: { ok: true, output: '' },
      checks: [{ scenario: 'three-chunks', id: 'echoed', status: 'pass', message: 'received "abc" back' }],
    },
    {
      kind: 'faulty',
      name: 'never-closes',
      language: 'c',
      ok: false,
      score: 100,
      maxScore: 100,
      gradable: true,
      failedChecks: [],
      expectedFailures: ['server-close-path'],
      problems: ['passed checks it should fail: server-close-path'],
      durationMs: 5120,
      build: { ok: true, output: '' },
      checks: [{ scenario: 'three-chunks', id: 'server-close-path', status: 'pass', message: '…' }],
    },
  ],
  error: null,
};

/**
 * Self-tests of an exercise version: every reference solution must score full marks and
 * every faulty solution must fail exactly its `mustFail` checks, each run through the
 * real lab by a runner. Progress is visible while it runs (`progress`, `results` grow as
 * solutions finish): poll the self-test until `status` is passed, failed or error.
 * A version with solutions can be assigned to a course only once a self-test passed.
 */
@ApiTags('exercises')
@ApiBearerAuth()
@Controller('exercises/:id/versions/:version')
@Roles('instructor', 'owner')
export class SelfTestsController {
  constructor(private readonly selfTests: SelfTestsService) {}

  @Post('self-test')
  @Scopes('exercises:write')
  @ApiAcceptedResponse({ description: 'Queued; poll GET …/self-tests/{selfTestId}.', schema: { example: { ...SELF_TEST_EXAMPLE, status: 'queued', startedAt: null, finishedAt: null, progress: { finished: 0, total: 2 }, results: [] } } })
  @ApiOkResponse({ description: 'A self-test of this version was already queued or running; it is returned.' })
  @ApiConflictResponse({ description: 'self-test/no-solutions: the version holds no solutions (a bare spec, or built in).' })
  @ApiForbiddenResponse({ description: 'auth/forbidden: instructors and owners only.' })
  @ApiNotFoundResponse({ description: 'exercise/not-found, exercise/version-not-found' })
  @ApiTooManyRequestsResponse({ description: 'request/rate-limited: the tenant has too many self-tests unfinished; Retry-After.' })
  async request(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'exercise') id: string,
    @VersionParam() version: number,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SelfTestView> {
    const { selfTest, created } = await this.selfTests.request(principal, id, version);
    response.status(created ? 202 : 200);
    return selfTest;
  }

  @Get('self-tests')
  @Scopes('exercises:read')
  @ApiOkResponse({ description: 'Self-tests of the version, newest first.', schema: { example: [SELF_TEST_EXAMPLE] } })
  @ApiNotFoundResponse({ description: 'exercise/not-found, exercise/version-not-found' })
  list(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'exercise') id: string,
    @VersionParam() version: number,
  ): Promise<SelfTestView[]> {
    return this.selfTests.list(principal, id, version);
  }

  @Get('self-tests/:selfTestId')
  @Scopes('exercises:read')
  @ApiOkResponse({
    description: 'The self-test with every finished solution: score, failedChecks, expectedFailures, problems, build, checks.',
    schema: { example: SELF_TEST_EXAMPLE },
  })
  @ApiNotFoundResponse({ description: 'exercise/not-found, exercise/version-not-found, self-test/not-found' })
  get(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'exercise') id: string,
    @VersionParam() version: number,
    @IdParam('selfTestId', 'self-test') selfTestId: string,
  ): Promise<SelfTestView> {
    return this.selfTests.get(principal, id, version, selfTestId);
  }
}
