import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators';
import { MetricsService } from './metrics.service';
import { PROMETHEUS_CONTENT_TYPE } from './prometheus-text';

/** Prometheus scrape endpoint at /metrics (outside /api/v1, like the health probes). */
@ApiTags('operations')
@Public()
@Controller()
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get('metrics')
  @Header('Content-Type', PROMETHEUS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ description: 'Prometheus text format 0.0.4; aggregate figures only, no tenant data.' })
  render(): Promise<string> {
    return this.metrics.render();
  }
}
