import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiPartialContentResponse,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal, Scopes } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../common/id-param';
import { ArtifactsService, type RunArtifactList } from './artifacts.service';
import { sendArtifact } from './send-artifact';

const SelectorQuerySchema = z.object({
  scenario: z.string().min(1).max(200).optional(),
  connection: z.string().min(1).max(200).optional(),
});

@ApiTags('artifacts')
@ApiBearerAuth()
@Controller('runs/:id/artifacts')
export class ArtifactsController {
  constructor(private readonly artifacts: ArtifactsService) {}

  @Get()
  @Scopes('traces:read')
  @ApiOkResponse({
    description: 'Stored artifacts of the run, its scenarios, and the views derived from them.',
  })
  @ApiNotFoundResponse({ description: 'run/not-found' })
  list(@CurrentPrincipal() principal: Principal, @IdParam('id', 'run') id: string): Promise<RunArtifactList> {
    return this.artifacts.list(principal, id);
  }

  @Get(':name')
  @Scopes('traces:read')
  @ApiParam({
    name: 'name',
    description:
      'A stored artifact (report.json, trace.json, build.log, capture-<scenario>.pcapng, program-…log, strace-…txt) ' +
      'or a view: capture.pcapng, conn.log (Zeek), sequence.mmd (Mermaid).',
  })
  @ApiQuery({
    name: 'scenario',
    required: false,
    description: 'Needed by the views when the run has several.',
  })
  @ApiQuery({ name: 'connection', required: false, description: 'sequence.mmd: a uid from conn.log.' })
  @ApiOkResponse({ description: 'The file. Stored files carry an ETag and accept Range requests.' })
  @ApiPartialContentResponse({ description: 'The byte range asked for (Content-Range).' })
  @ApiNotFoundResponse({ description: 'run/not-found, artifact/not-found, artifact/scenario-not-found' })
  @ApiUnprocessableEntityResponse({ description: 'artifact/scenario-required, artifact/connection-required' })
  async download(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'run') id: string,
    @Param('name') name: string,
    @Query() query: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const download = await this.artifacts.open(principal, id, name, SelectorQuerySchema.parse(query));
    await sendArtifact(request, response, download, (artifact, range) =>
      this.artifacts.read(artifact, range),
    );
  }
}
