/**
 * The one exception filter: every error leaves the API as
 * `{ error: { code, message, details? } }` with a matching HTTP status.
 * Unknown errors become 500 `internal/unexpected` and are logged, never echoed.
 */
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ZodError } from 'zod';
import { AppError } from './app-error';
import { fromArtifactStoreError, fromBodyParserError, fromDbError } from './known-errors';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

const HTTP_CODES: Record<number, string> = {
  400: 'request/bad-request',
  401: 'auth/unauthenticated',
  403: 'auth/forbidden',
  404: 'route/not-found',
  405: 'request/method-not-allowed',
  413: 'request/too-large',
  415: 'request/unsupported-media-type',
  429: 'request/rate-limited',
};

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  headers?: Record<string, string>;
}

export function toErrorBody(exception: unknown): ErrorResponse {
  const known = fromDbError(exception) ?? fromArtifactStoreError(exception) ?? fromBodyParserError(exception);
  if (known) return toErrorBody(known);
  if (exception instanceof AppError) {
    const error: ErrorBody['error'] = { code: exception.code, message: exception.message };
    if (exception.details !== undefined) error.details = exception.details;
    return exception.headers
      ? { status: exception.status, body: { error }, headers: exception.headers }
      : { status: exception.status, body: { error } };
  }
  if (exception instanceof ZodError) {
    const details = exception.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    const first = details[0];
    const message = first ? `${first.path || 'body'}: ${first.message}` : 'invalid request';
    return { status: 422, body: { error: { code: 'request/invalid', message, details } } };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : String((response as { message?: unknown }).message ?? exception.message);
    return { status, body: { error: { code: HTTP_CODES[status] ?? `http/${status}`, message } } };
  }
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: {
      error: { code: 'internal/unexpected', message: 'an unexpected error occurred; it has been logged' },
    },
  };
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    // The live gateway answers its clients itself (acks with { ok: false, error }); an
    // error escaping it has no HTTP response to write to.
    if (host.getType() !== 'http') {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : exception);
      return;
    }
    const { status, body, headers } = toErrorBody(exception);
    if (status >= 500)
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : exception);
    const response = host.switchToHttp().getResponse<Response>();
    if (headers) response.set(headers);
    response.status(status).json(body);
  }
}
