import {
  Body,
  Controller,
  Post,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { EXERCISE_UPLOAD_LIMITS } from '@socklab/contracts';
import type { Response } from 'express';
import { CurrentPrincipal, Roles, Scopes } from '../../auth/decorators';
import type { Principal } from '../../auth/principal';
import { AppError } from '../../errors/app-error';
import { ExercisesService, type PublishedExercise } from '../exercises.service';
import { ARCHIVE_FIELD, ArchiveUploadErrors } from './archive-upload-errors';
import { loadUploadedFolder } from './load-uploaded-folder';
import { folderFromJson, folderFromZip, type FolderFile } from './uploaded-folder';

/** What multer hands over for the archive field (memory storage). */
interface UploadedArchive {
  buffer: Buffer;
  size: number;
}

const PUBLISHED_EXAMPLE = {
  exercise: {
    id: '7d1f4a2b-9c3e-4b5d-8e6f-1a2b3c4d5e6f',
    slug: 'half-close-echo',
    title: 'Echo until the client half-closes',
    builtin: false,
    summary: 'Echo every byte until the client shuts down its sending side, then close.',
    difficulty: 'intro',
    languages: ['c', 'cpp', 'python', 'java'],
    latestVersion: { id: '0b8e6d3c-5f0e-4c8e-9a57-3c2b1d0e9f11', version: 2, createdAt: '2026-11-23T09:00:00.000Z' },
  },
  version: { id: '0b8e6d3c-5f0e-4c8e-9a57-3c2b1d0e9f11', version: 2, createdAt: '2026-11-23T09:00:00.000Z' },
  created: true,
};

const INVALID_FOLDER_EXAMPLE = {
  error: {
    code: 'exercise/invalid-folder',
    message:
      'exercise.yaml:41:13 checks[0].points: Number must be greater than or equal to 0 [exercise/invalid-spec] (and 1 more problem). Nothing was stored.',
    details: [
      {
        code: 'exercise/invalid-spec',
        file: 'exercise.yaml',
        path: 'checks[0].points',
        message: 'Number must be greater than or equal to 0',
        line: 41,
        column: 13,
      },
      {
        code: 'exercise/missing-file',
        file: 'starter/python',
        path: '',
        message: 'no starter for declared language python',
      },
    ],
  },
};

const UPLOAD_ERRORS = {
  tooLarge: `exercise/upload-too-large: over EXERCISE_UPLOAD_LIMITS (${EXERCISE_UPLOAD_LIMITS.maxFiles} files, ${EXERCISE_UPLOAD_LIMITS.maxFileBytes} bytes a file, ${EXERCISE_UPLOAD_LIMITS.maxTotalBytes} bytes in all, uncompressed).`,
  invalid:
    'exercise/invalid-folder: every problem, each with file, JSON path, and line and column where known; ' +
    'exercise/unsafe-path: absolute paths, "..", symlinks, duplicates (details: [{file, message}]). Nothing is stored.',
};

/**
 * Instructor uploads of a whole exercise folder (exercise.yaml, statement.md, starter/,
 * solutions/): as a zip archive, or as its files in JSON. Validated as `socklab validate`
 * validates a folder; a version holds the spec, statement, starters and solutions, and
 * an upload identical to an existing version returns that version (200) instead of
 * adding one (201). The exercise is the one named by exercise.yaml's metadata.id.
 */
@ApiTags('exercises')
@ApiBearerAuth()
@Controller('exercises')
@Roles('instructor', 'owner')
export class ExerciseUploadsController {
  constructor(private readonly exercises: ExercisesService) {}

  @Post('folder')
  @Scopes('exercises:write')
  @ApiConsumes('application/json')
  @ApiBody({
    description: "The folder's files, paths relative to the folder and '/'-separated; text only.",
    schema: {
      type: 'object',
      required: ['files'],
      properties: {
        files: {
          type: 'array',
          maxItems: EXERCISE_UPLOAD_LIMITS.maxFiles,
          items: {
            type: 'object',
            required: ['path', 'content'],
            properties: { path: { type: 'string' }, content: { type: 'string' } },
          },
        },
      },
      example: {
        files: [
          { path: 'exercise.yaml', content: 'apiVersion: socklab.dev/v1\nkind: Exercise\n…' },
          { path: 'statement.md', content: '# Echo until the client half-closes\n…' },
          { path: 'starter/c/main.c', content: '#include <sys/socket.h>\n…' },
          { path: 'solutions/reference/c/main.c', content: '…' },
          { path: 'solutions/faulty/never-closes/c/main.c', content: '…' },
          { path: 'solutions/faulty/never-closes/expect.yaml', content: 'mustFail: [server-close-path]\n' },
        ],
      },
    },
  })
  @ApiCreatedResponse({ description: 'A new version (and the exercise, if new).', schema: { example: PUBLISHED_EXAMPLE } })
  @ApiOkResponse({ description: 'Identical to an existing version, which is returned (created: false).' })
  @ApiConflictResponse({ description: 'exercise/builtin-read-only: metadata.id names a built-in exercise.' })
  @ApiPayloadTooLargeResponse({ description: UPLOAD_ERRORS.tooLarge })
  @ApiUnprocessableEntityResponse({ description: UPLOAD_ERRORS.invalid, schema: { example: INVALID_FOLDER_EXAMPLE } })
  uploadFolder(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PublishedExercise> {
    return this.publish(principal, folderFromJson(body), 'folder', response);
  }

  @Post('zip')
  @Scopes('exercises:write')
  @UseInterceptors(
    ArchiveUploadErrors,
    FileInterceptor(ARCHIVE_FIELD, {
      limits: { fileSize: EXERCISE_UPLOAD_LIMITS.maxArchiveBytes, files: 1, fields: 8, parts: 9 },
    }),
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    description:
      `The folder as a zip archive (at most ${EXERCISE_UPLOAD_LIMITS.maxArchiveBytes} bytes) in the field "${ARCHIVE_FIELD}". ` +
      'The archive may hold the folder itself (half-close-echo/exercise.yaml …). Regular files only: no symlinks, ' +
      'no absolute paths, no "..". __MACOSX/ and .DS_Store are ignored. Example: ' +
      '`curl -F archive=@half-close-echo.zip -H "Authorization: Bearer $TOKEN" …/api/v1/exercises/zip`.',
    schema: {
      type: 'object',
      required: [ARCHIVE_FIELD],
      properties: { [ARCHIVE_FIELD]: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCreatedResponse({ description: 'A new version (and the exercise, if new).', schema: { example: PUBLISHED_EXAMPLE } })
  @ApiOkResponse({ description: 'Identical to an existing version, which is returned (created: false).' })
  @ApiConflictResponse({ description: 'exercise/builtin-read-only: metadata.id names a built-in exercise.' })
  @ApiPayloadTooLargeResponse({
    description: `${UPLOAD_ERRORS.tooLarge} Also the archive itself over its limit, or declaring more than the limits (a zip bomb is refused before it is inflated).`,
  })
  @ApiUnprocessableEntityResponse({
    description: `${UPLOAD_ERRORS.invalid} exercise/invalid-archive: not a zip, damaged, zip64, encrypted, or lying about its sizes.`,
    schema: { example: INVALID_FOLDER_EXAMPLE },
  })
  uploadZip(
    @CurrentPrincipal() principal: Principal,
    @UploadedFile() archive: UploadedArchive | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PublishedExercise> {
    if (!archive) {
      throw AppError.invalid(
        'request/invalid',
        `Send the zip archive as multipart/form-data in the field "${ARCHIVE_FIELD}".`,
        [{ path: ARCHIVE_FIELD, message: 'missing' }],
      );
    }
    return this.publish(principal, folderFromZip(archive.buffer), 'zip', response);
  }

  private async publish(
    principal: Principal,
    files: FolderFile[],
    source: 'folder' | 'zip',
    response: Response,
  ): Promise<PublishedExercise> {
    const { spec, statement, starters, solutions } = await loadUploadedFolder(files);
    const published = await this.exercises.publish(principal, spec, { statement, starters, solutions }, source);
    response.status(published.created ? 201 : 200);
    return published;
  }
}
