import { Inject, Injectable } from '@nestjs/common';
import { RUN_STATUSES } from '@socklab/contracts';
import { PrismaClient } from '@socklab/db';
import { PRISMA } from '../database/database.module';
import { withTimeout } from '../health/dependency-probe';
import { LiveGateway } from '../live/live.gateway';
import { LAB_RUNS, LabRunsQueue } from '../queue/lab-runs-queue';
import { HttpRequestMetrics } from './http-request-metrics';
import { family, type Labels } from './prometheus-text';

const QUEUE_STATES = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'failed',
  'completed',
] as const;
/** A scrape never waits longer than this for PostgreSQL or Redis. */
const SOURCE_TIMEOUT_MS = 2_000;

/**
 * What /metrics reports: the lab-runs queue by state, runs by status (all tenants, no
 * tenant label: aggregate only), failed runs by infrastructure error code, live
 * WebSocket clients and subscriptions, and HTTP request durations. A source that does
 * not answer in time is left out of that scrape and counted in socklab_api_scrape_errors.
 */
@Injectable()
export class MetricsService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(LAB_RUNS) private readonly queue: LabRunsQueue,
    private readonly live: LiveGateway,
    private readonly http: HttpRequestMetrics,
  ) {}

  async render(): Promise<string> {
    const failedSources: string[] = [];
    const attempt = async <T>(source: string, read: () => Promise<T>): Promise<T | null> => {
      try {
        return await withTimeout(read(), SOURCE_TIMEOUT_MS, source);
      } catch {
        failedSources.push(source);
        return null;
      }
    };
    const [jobs, byStatus, failures] = await Promise.all([
      attempt('queue', () => this.queue.getJobCounts(...QUEUE_STATES)),
      attempt('runs', () => this.prisma.run.groupBy({ by: ['status'], _count: { _all: true } })),
      attempt('runs', () =>
        this.prisma.run.groupBy({
          by: ['infraErrorCode'],
          where: { status: 'failed' },
          _count: { _all: true },
        }),
      ),
    ]);
    const lines: string[] = [];
    if (jobs) {
      lines.push(
        ...family(
          'socklab_api_queue_jobs',
          'gauge',
          'Jobs of the lab-runs queue by state.',
          QUEUE_STATES.map((state) => [{ state }, jobs[state] ?? 0]),
        ),
      );
    }
    if (byStatus) {
      const count = new Map(byStatus.map((row) => [row.status as string, row._count._all]));
      lines.push(
        ...family(
          'socklab_api_runs',
          'gauge',
          'Runs by status, all tenants.',
          RUN_STATUSES.map((status) => [{ status }, count.get(status) ?? 0]),
        ),
      );
    }
    if (failures) {
      lines.push(
        ...family(
          'socklab_api_runs_failed',
          'gauge',
          'Runs that ended failed (not gradable), by infrastructure error code.',
          failures.map((row): [Labels, number] => [
            { code: row.infraErrorCode ?? 'unknown' },
            row._count._all,
          ]),
        ),
      );
    }
    lines.push(
      ...family('socklab_api_websocket_clients', 'gauge', 'Connected live-event clients.', [
        [{}, this.live.connectedClients],
      ]),
      ...family('socklab_api_live_subscriptions', 'gauge', 'Open run subscriptions over all clients.', [
        [{}, this.live.openSubscriptions],
      ]),
      ...this.http.render(),
      ...family(
        'socklab_api_scrape_errors',
        'gauge',
        'Sources that did not answer during this scrape.',
        [...new Set(failedSources)].map((source) => [{ source }, 1]),
      ),
    );
    return `${lines.join('\n')}\n`;
  }
}
