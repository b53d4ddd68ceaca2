import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { HttpRequestMetrics } from '../metrics/http-request-metrics';
import { runWithLogContext, type LogFields } from './log-context';

/** Probes and scrapes are logged at debug level only: they would drown everything else. */
const QUIET_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);
const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Express middleware in front of every route: gives the request an id (a sane incoming
 * X-Request-Id, or a new one; echoed in the response), opens its log context (the auth
 * guard adds tenantId and userId, services add runId), and when the response finishes
 * records its duration by route template and logs one line with all those fields.
 */
export function observeRequests(metrics: HttpRequestMetrics, logger: LoggerService) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const incoming = request.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    response.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    const fields: LogFields = { requestId };
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(request);
      metrics.observe(request.method, route, response.statusCode, seconds);
      const line = {
        msg: 'request',
        ...fields,
        method: request.method,
        route,
        path: request.originalUrl.split('?')[0],
        status: response.statusCode,
        durationMs: Math.round(seconds * 1e6) / 1e3,
      };
      if (QUIET_ROUTES.has(route)) logger.debug?.(line, 'Http');
      else if (response.statusCode >= 500) logger.error(line, 'Http');
      else logger.log(line, 'Http');
    });
    runWithLogContext(fields, next);
  };
}

/** The matched route's template ("/api/v1/runs/:id"), or "unmatched": never a raw path. */
export function routeOf(request: Request): string {
  const template = (request.route as { path?: unknown } | undefined)?.path;
  return typeof template === 'string' ? `${request.baseUrl}${template}` : 'unmatched';
}
