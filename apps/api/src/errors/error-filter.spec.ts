import { NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { ArtifactStoreError, DbError } from '@socklab/db';
import { z } from 'zod';
import { AppError } from './app-error';
import { toErrorBody } from './error-filter';

describe('toErrorBody', () => {
  it('keeps an AppError code, status, message and details', () => {
    const err = AppError.invalid('exercise/invalid-spec', 'checks[2].points: must be ≥ 0', [
      { path: 'checks.2' },
    ]);
    expect(toErrorBody(err)).toEqual({
      status: 422,
      body: {
        error: {
          code: 'exercise/invalid-spec',
          message: 'checks[2].points: must be ≥ 0',
          details: [{ path: 'checks.2' }],
        },
      },
    });
  });

  it('turns validation failures into 422 request/invalid naming the first bad path', () => {
    const result = z.object({ language: z.enum(['c', 'python']) }).safeParse({ language: 'rust' });
    expect(result.success).toBe(false);
    const { status, body } = toErrorBody(result.error);
    expect(status).toBe(422);
    expect(body.error.code).toBe('request/invalid');
    expect(body.error.message).toMatch(/^language: /);
  });

  it('maps framework HTTP errors to stable codes', () => {
    expect(toErrorBody(new PayloadTooLargeException()).body.error.code).toBe('request/too-large');
    expect(toErrorBody(new NotFoundException('no run 42')).body.error).toEqual({
      code: 'route/not-found',
      message: 'no run 42',
    });
  });

  it('never echoes the message of an unexpected error', () => {
    const { status, body } = toErrorBody(new Error('password=hunter2 leaked'));
    expect(status).toBe(500);
    expect(body.error.code).toBe('internal/unexpected');
    expect(body.error.message).not.toMatch(/hunter2/);
  });
});

describe('toErrorBody for libs/db errors', () => {
  it('maps not-found, conflict and illegal transitions to 404/409 keeping the code', () => {
    expect(toErrorBody(new DbError('run/not-found', 'No run 7 in this tenant.'))).toMatchObject({
      status: 404,
      body: { error: { code: 'run/not-found', message: 'No run 7 in this tenant.' } },
    });
    expect(toErrorBody(new DbError('run/illegal-transition', 'done → cancelled')).status).toBe(409);
    expect(toErrorBody(new DbError('db/conflict', 'taken')).status).toBe(409);
  });

  it('keeps migration failures an operator matter: 500 without the message', () => {
    const { status, body } = toErrorBody(new DbError('db/migration-failed', 'syntax error at "CREAT"'));
    expect(status).toBe(500);
    expect(body.error.message).not.toMatch(/CREAT/);
  });

  it('sets the headers an AppError carries, e.g. Retry-After', () => {
    expect(toErrorBody(AppError.rateLimited('slow down', 12.2)).headers).toEqual({ 'Retry-After': '13' });
  });
});

describe('toErrorBody for artifact store errors', () => {
  it('maps a missing file to 404 and a failing store to 503 without its internals', () => {
    expect(
      toErrorBody(new ArtifactStoreError('artifact/not-found', 'no such file /var/x')).body.error.code,
    ).toBe('artifact/not-found');
    const failed = toErrorBody(
      new ArtifactStoreError('artifact/storage-failed', 'EIO on /srv/artifacts/tenants/t1'),
    );
    expect(failed.status).toBe(503);
    expect(failed.body.error.code).toBe('artifact/storage-unavailable');
    expect(failed.body.error.message).not.toMatch(/srv|EIO/);
  });
});
