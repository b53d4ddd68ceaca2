import { Param, type PipeTransform } from '@nestjs/common';
import { AppError } from '../../errors/app-error';

class ParseVersionNumber implements PipeTransform<string, number> {
  transform(value: string): number {
    const version = /^[1-9][0-9]{0,8}$/.test(value) ? Number(value) : NaN;
    if (Number.isNaN(version))
      throw AppError.notFound('exercise/version-not-found', `No version ${value} of this exercise; versions are numbered 1, 2, …`);
    return version;
  }
}

/** An exercise version number from the path (1, 2, …); anything else is 404 `exercise/version-not-found`. */
export function VersionParam(name = 'version'): ParameterDecorator {
  return Param(name, new ParseVersionNumber());
}
