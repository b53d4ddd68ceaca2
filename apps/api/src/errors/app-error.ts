/**
 * Errors the API reports to people and programs. Each carries a stable code
 * (`area/what-happened`) clients may branch on, an HTTP status, and a message a person
 * can act on. The exception filter turns them into `{ error: { code, message, details } }`
 * and sets `headers` on the response (e.g. Retry-After).
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static notFound(code: string, message: string): AppError {
    return new AppError(code, message, 404);
  }

  static invalid(code: string, message: string, details?: unknown): AppError {
    return new AppError(code, message, 422, details);
  }

  static unauthenticated(code: string, message: string): AppError {
    return new AppError(code, message, 401, undefined, { 'WWW-Authenticate': 'Bearer' });
  }

  static forbidden(code: string, message: string, details?: unknown): AppError {
    return new AppError(code, message, 403, details);
  }

  static conflict(code: string, message: string, details?: unknown): AppError {
    return new AppError(code, message, 409, details);
  }

  static rateLimited(message: string, retryAfterSeconds: number, details?: unknown): AppError {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    return new AppError('request/rate-limited', message, 429, details, { 'Retry-After': String(seconds) });
  }
}
