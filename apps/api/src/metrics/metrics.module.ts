import { Global, Module } from '@nestjs/common';
import { HttpRequestMetrics } from './http-request-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/** /metrics; HttpRequestMetrics is fed by the request observer (create-app.ts). */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [HttpRequestMetrics, MetricsService],
  exports: [HttpRequestMetrics],
})
export class MetricsModule {}
