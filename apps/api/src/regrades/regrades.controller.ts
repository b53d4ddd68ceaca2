import { Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, Scopes } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../common/id-param';
import { VersionParam } from '../exercises/versions/version-param';
import { RegradesService, type QueuedRegrade, type VersionRegrade } from './regrades.service';

const QUEUED_EXAMPLE = {
  runId: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
  regradeOfId: '3f1e5f5e-8a4b-4c57-9a53-5a3f4f0d9c11',
  submissionId: '6b5a4f3e-2d1c-4b0a-9f8e-7d6c5b4a3f2e',
  status: 'queued',
};

const RATE_LIMITED =
  'request/rate-limited: the tenant would have more than SOCKLAB_MAX_REGRADE_RUNS regrade runs queued or running; Retry-After.';

/**
 * Instructor regrades: the stored submission runs again as a new run of the same
 * exercise version (follow it like any run: GET /api/v1/runs/{runId}, live events); the
 * regraded run keeps its results. See RegradesService for the rules.
 */
@ApiTags('runs')
@ApiBearerAuth()
@Controller()
@Roles('instructor', 'owner')
export class RegradesController {
  constructor(private readonly regrades: RegradesService) {}

  @Post('runs/:id/regrade')
  @HttpCode(202)
  @Scopes('runs:write')
  @ApiAcceptedResponse({ description: 'The new run, queued.', schema: { example: QUEUED_EXAMPLE } })
  @ApiNotFoundResponse({ description: 'run/not-found' })
  @ApiForbiddenResponse({ description: 'auth/forbidden: instructors and owners only.' })
  @ApiConflictResponse({
    description:
      'run/not-finished; run/regrade-in-progress: the submission already has a run queued or running; regrade/playground-run: playground runs have nothing to grade.',
  })
  @ApiTooManyRequestsResponse({ description: RATE_LIMITED })
  regradeRun(@CurrentPrincipal() principal: Principal, @IdParam('id', 'run') id: string): Promise<QueuedRegrade> {
    return this.regrades.regradeRun(principal, id);
  }

  @Post('exercises/:id/versions/:version/regrade')
  @HttpCode(202)
  @Scopes('runs:write')
  @ApiAcceptedResponse({
    description:
      'One new run per submission of the version whose latest run finished (done or failed); the others are listed in ' +
      '`skipped` (run/not-finished, run/cancelled, run/regrade-in-progress).',
    schema: {
      example: {
        exerciseId: '7d1f4a2b-9c3e-4b5d-8e6f-1a2b3c4d5e6f',
        version: 2,
        queued: [QUEUED_EXAMPLE],
        skipped: [
          {
            runId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
            submissionId: '0f1e2d3c-4b5a-4968-8776-655443322110',
            reason: 'run/not-finished',
          },
        ],
      },
    },
  })
  @ApiNotFoundResponse({ description: 'exercise/not-found, exercise/version-not-found' })
  @ApiForbiddenResponse({ description: 'auth/forbidden: instructors and owners only.' })
  @ApiUnprocessableEntityResponse({ description: 'regrade/too-many: more submissions than SOCKLAB_MAX_REGRADE_RUNS.' })
  @ApiTooManyRequestsResponse({ description: RATE_LIMITED })
  regradeVersion(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'exercise') id: string,
    @VersionParam() version: number,
  ): Promise<VersionRegrade> {
    return this.regrades.regradeVersion(principal, id, version);
  }
}
