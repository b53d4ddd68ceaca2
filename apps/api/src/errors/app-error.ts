/**
 * Errors the API reports to people and programs. Each carries a stable code
 * (`area/what-happened`) clients may branch on, an HTTP status, and a message a person
 * can act on. The exception filter turns them into `{ error: { code, message, details } }`.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details?: unknown,
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
}
