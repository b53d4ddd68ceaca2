import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Scopes } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import type { AcceptedSubmission } from '../submissions/submission-queue';
import { listPresetViews, type PlaygroundPresetView } from './playground-preset-views';
import { PlaygroundService } from './playground.service';

/** Any member of the tenant may use the playground; its runs are theirs, like submissions. */
@ApiTags('playground')
@ApiBearerAuth()
@Controller('playground')
export class PlaygroundController {
  constructor(private readonly playground: PlaygroundService) {}

  @Get('presets')
  @Scopes('exercises:read')
  @ApiOkResponse({
    description: 'The peer behaviours a program can be run against, with the role the program plays.',
    schema: {
      example: [
        {
          id: 'echo-server',
          title: 'Echo server',
          description: 'The peer accepts your connection and sends back every byte it receives. …',
          role: 'client',
          args: ['{host}', '{port}'],
        },
      ],
    },
  })
  presets(): PlaygroundPresetView[] {
    return listPresetViews();
  }

  @Post('runs')
  @HttpCode(202)
  @Scopes('submissions:write')
  @ApiAcceptedResponse({
    description:
      'Stored and queued; follow the run at /api/v1/runs/{runId} and live on the /runs socket.io namespace. ' +
      'Playground runs are not graded: they never count as attempts nor appear in results; GET /api/v1/runs?kind=playground lists them.',
    schema: {
      example: {
        submissionId: '0b8e6d3c-5f0e-4c8e-9a57-3c2b1d0e9f11',
        runId: '5b0c7e2a-1d3f-4a6b-9c8d-7e6f5a4b3c2d',
        status: 'queued',
      },
    },
  })
  @ApiPayloadTooLargeResponse({ description: 'request/too-large' })
  @ApiUnprocessableEntityResponse({
    description: 'request/invalid naming the bad path, or playground/unknown-preset',
  })
  @ApiTooManyRequestsResponse({ description: 'request/rate-limited, with Retry-After' })
  start(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<AcceptedSubmission> {
    return this.playground.start(principal, body);
  }
}
