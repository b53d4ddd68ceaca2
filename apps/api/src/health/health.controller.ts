import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators';
import { DEPENDENCY_PROBES, DependencyProbe } from './dependency-probe';

export interface ReadinessReport {
  status: 'ready' | 'not-ready';
  checks: Record<string, { ok: boolean; error?: string }>;
}

/** Liveness (`/healthz`: the process serves HTTP) and readiness (`/readyz`: its dependencies answer). */
@ApiTags('operations')
@Public()
@Controller()
export class HealthController {
  constructor(@Inject(DEPENDENCY_PROBES) private readonly probes: DependencyProbe[]) {}

  @Get('healthz')
  @ApiOkResponse({ description: 'The process is alive.' })
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  @ApiOkResponse({ description: 'Every dependency answered.' })
  @ApiServiceUnavailableResponse({
    description: 'At least one dependency did not answer; the body says which.',
  })
  async readyz(@Res({ passthrough: true }) response: Response): Promise<ReadinessReport> {
    const results = await Promise.allSettled(this.probes.map((probe) => probe.check()));
    const checks: ReadinessReport['checks'] = {};
    results.forEach((result, i) => {
      const name = this.probes[i].name;
      checks[name] =
        result.status === 'fulfilled'
          ? { ok: true }
          : { ok: false, error: String(result.reason?.message ?? result.reason) };
    });
    const report: ReadinessReport = {
      status: Object.values(checks).every((c) => c.ok) ? 'ready' : 'not-ready',
      checks,
    };
    if (report.status !== 'ready') response.status(503);
    return report;
  }
}
