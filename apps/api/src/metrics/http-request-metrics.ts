import { Injectable } from '@nestjs/common';
import { family, Histogram } from './prometheus-text';

const BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** HTTP request durations by method, route template (never the raw path) and status. */
@Injectable()
export class HttpRequestMetrics {
  private readonly durations = new Histogram(BUCKETS_SECONDS);

  observe(method: string, route: string, status: number, seconds: number): void {
    this.durations.observe({ method, route, status: String(status) }, seconds);
  }

  render(): string[] {
    return family(
      'socklab_api_http_request_duration_seconds',
      'histogram',
      'Time from a request arriving to its response finishing.',
      this.durations.samples(),
    );
  }
}
