import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Scopes } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../common/id-param';
import { AcceptedSubmission, SubmissionsService } from './submissions.service';

@ApiTags('submissions')
@ApiBearerAuth()
@Controller('exercises/:id/submissions')
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionsService) {}

  @Post()
  @HttpCode(202)
  @Scopes('submissions:write')
  @ApiAcceptedResponse({ description: 'Stored and queued; follow the run at /api/v1/runs/{runId}.' })
  @ApiNotFoundResponse({ description: 'exercise/not-found, assignment/not-found' })
  @ApiConflictResponse({
    description:
      'assignment/past-due: the assignment named by `assignmentId` is past its due date; assignment/attempts-exhausted: you have spent its `maxAttempts` (details: maxAttempts, attempts).',
  })
  @ApiPayloadTooLargeResponse({ description: 'request/too-large' })
  @ApiUnprocessableEntityResponse({
    description: 'request/invalid naming the bad path, submission/language-not-offered, or submission/assignment-mismatch',
  })
  @ApiTooManyRequestsResponse({ description: 'request/rate-limited, with Retry-After' })
  submit(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'exercise') exerciseId: string,
    @Body() body: unknown,
  ): Promise<AcceptedSubmission> {
    return this.submissions.submit(principal, exerciseId, body);
  }
}
