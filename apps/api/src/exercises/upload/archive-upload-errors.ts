import { HttpException, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { EXERCISE_UPLOAD_LIMITS } from '@socklab/contracts';
import { catchError, throwError, type Observable } from 'rxjs';
import { AppError } from '../../errors/app-error';

/** The multipart field that carries the zip archive. */
export const ARCHIVE_FIELD = 'archive';

/**
 * Bound before Nest's FileInterceptor: turns the HTTP errors multer raises into the
 * API's coded errors — an archive over EXERCISE_UPLOAD_LIMITS.maxArchiveBytes into 413
 * `exercise/upload-too-large` (multer stops reading it at the limit), any other multipart
 * problem (wrong field name, several files, a malformed body) into 422 `request/invalid`.
 */
@Injectable()
export class ArchiveUploadErrors implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => translate(error))));
  }
}

function translate(error: unknown): unknown {
  if (!(error instanceof HttpException)) return error;
  if (error.getStatus() === 413) {
    const limit = EXERCISE_UPLOAD_LIMITS.maxArchiveBytes;
    return new AppError(
      'exercise/upload-too-large',
      `The zip archive is over the limit of ${limit} bytes; an exercise folder is much smaller (leave out build outputs).`,
      413,
      [{ file: '', limit }],
    );
  }
  if (error.getStatus() === 400) {
    return AppError.invalid(
      'request/invalid',
      `${error.message}: send one zip file in the multipart/form-data field "${ARCHIVE_FIELD}".`,
      [{ path: ARCHIVE_FIELD, message: error.message }],
    );
  }
  return error;
}
