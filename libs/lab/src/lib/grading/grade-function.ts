import { LabError } from '../errors';
import type { GradeFunction } from './evidence';

/**
 * The grader the engine calls when the caller passes none: `grade` from @socklab/grader,
 * resolved at run time because libs/grader does not export it yet (its index.ts is
 * missing). Replace with a static import once it exists.
 */
export function defaultGradeFunction(): GradeFunction {
  let grader: { grade?: unknown };
  try {
    grader = require('@socklab/grader') as { grade?: unknown };
  } catch (error) {
    throw new LabError(
      'lab/grader-failed',
      'the grader library (@socklab/grader) is not available: pass options.grade or install a build that exports grade()',
      { cause: error },
    );
  }
  if (typeof grader.grade !== 'function') {
    throw new LabError('lab/grader-failed', '@socklab/grader does not export a grade() function');
  }
  return grader.grade as GradeFunction;
}
