import { Param, ParseUUIDPipe } from '@nestjs/common';
import { AppError } from '../errors/app-error';

/**
 * A resource id from the path. Ids are UUIDs, so anything else names nothing: it gets the
 * same 404 (`<resource>/not-found`) as an id that exists only in another tenant.
 */
export function IdParam(name: string, resource: 'run' | 'exercise' | 'api-token' | 'self-test'): ParameterDecorator {
  return Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        AppError.notFound(`${resource}/not-found`, `No ${resource} with that id in this tenant.`),
    }),
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID in canonical text form (any version), like ParseUUIDPipe accepts. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
