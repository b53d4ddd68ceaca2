import { AppError } from '../errors/app-error';

/**
 * What an API token may do. A session (a person logged in) holds every scope; an API
 * token holds the scopes it was created with. Scopes narrow a token; they never widen
 * the role of the member it belongs to (a learner's token with `exercises:write` still
 * cannot author exercises).
 */
export const API_SCOPES = [
  'exercises:read',
  'exercises:write',
  'submissions:write',
  'runs:read',
  'runs:write',
  'traces:read',
] as const;

export type ApiScope = (typeof API_SCOPES)[number];

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}

/** Throws 403 `auth/insufficient-scope` unless `granted` holds every one of `required`. */
export function assertScopes(granted: readonly ApiScope[], required: readonly ApiScope[]): void {
  const missing = required.filter((scope) => !granted.includes(scope));
  if (missing.length > 0) {
    throw AppError.forbidden('auth/insufficient-scope', `This token lacks the scope ${missing.join(', ')}.`, {
      required,
      granted,
    });
  }
}
