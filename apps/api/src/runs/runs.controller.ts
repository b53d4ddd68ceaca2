import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { RUN_STATUSES, RunStatusSchema } from '@socklab/contracts';
import { z } from 'zod';
import { CurrentPrincipal, Scopes } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../common/id-param';
import type { RunDetail, RunSummary } from './run-views';
import { RUN_KINDS, RunsService } from './runs.service';

const RunListQuerySchema = z.object({
  kind: z.enum(RUN_KINDS).default('exercise'),
  status: RunStatusSchema.optional(),
  exerciseId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: z.coerce.date().optional(),
});

@ApiTags('runs')
@ApiBearerAuth()
@Controller('runs')
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  @Get()
  @Scopes('runs:read')
  @ApiQuery({
    name: 'kind',
    required: false,
    enum: RUN_KINDS,
    description: 'exercise (default): runs of exercise submissions; playground: playground runs (not graded)',
  })
  @ApiQuery({ name: 'status', required: false, enum: RUN_STATUSES })
  @ApiQuery({ name: 'exerciseId', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1–100, default 50' })
  @ApiQuery({ name: 'before', required: false, description: 'ISO time: runs created before it (paging)' })
  @ApiOkResponse({
    description:
      'Newest first. Learners: their own runs; staff: every run of the tenant. A queued run carries `queuePosition` (runs of the service ahead of it, 0 = next); null otherwise.',
  })
  list(@CurrentPrincipal() principal: Principal, @Query() query: unknown): Promise<RunSummary[]> {
    return this.runs.list(principal, RunListQuerySchema.parse(query));
  }

  @Get(':id')
  @Scopes('runs:read')
  @ApiOkResponse({
    description:
      'The run and its report (hidden checks concealed from learners). While queued, `queuePosition` counts the runs of the whole service ahead of it (0 = next); null once a runner took it.',
    schema: {
      example: {
        id: '5b0c7e2a-1d3f-4a6b-9c8d-7e6f5a4b3c2d',
        status: 'queued',
        attempt: 1,
        queuedAt: '2026-11-23T09:10:00.000Z',
        queuePosition: 2,
      },
    },
  })
  @ApiNotFoundResponse({ description: 'run/not-found' })
  get(@CurrentPrincipal() principal: Principal, @IdParam('id', 'run') id: string): Promise<RunDetail> {
    return this.runs.get(principal, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Scopes('runs:write')
  @ApiOkResponse({ description: 'The cancelled run.' })
  @ApiNotFoundResponse({ description: 'run/not-found' })
  @ApiConflictResponse({ description: 'run/illegal-transition: the run has already finished.' })
  cancel(@CurrentPrincipal() principal: Principal, @IdParam('id', 'run') id: string): Promise<RunDetail> {
    return this.runs.cancel(principal, id);
  }
}
