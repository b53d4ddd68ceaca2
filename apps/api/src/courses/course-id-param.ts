import { Param, ParseUUIDPipe } from '@nestjs/common';
import { AppError } from '../errors/app-error';

/** A course id from the path; a non-UUID gets the same 404 as a course of another tenant. */
export function CourseIdParam(name = 'courseId'): ParameterDecorator {
  return Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => AppError.notFound('course/not-found', 'No course with that id in this tenant.'),
    }),
  );
}
