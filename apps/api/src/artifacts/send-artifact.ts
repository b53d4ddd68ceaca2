import { pipeline } from 'node:stream/promises';
import type { Artifact } from '@socklab/db';
import type { Request, Response } from 'express';
import { AppError } from '../errors/app-error';
import type { ArtifactDownload } from './artifacts.service';
import { parseRange, rangeStillValid } from './http-range';

type ReadStored = (
  artifact: Artifact,
  range?: { start: number; end: number },
) => Promise<NodeJS.ReadableStream>;

/**
 * Writes an artifact download. Stored files carry a strong ETag (their sha256), answer
 * If-None-Match with 304, and serve one byte range (Range, If-Range) as 206 with
 * Content-Range, or 416 when it starts past the end. Captures come as attachments.
 */
export async function sendArtifact(
  request: Request,
  response: Response,
  download: ArtifactDownload,
  readStored: ReadStored,
): Promise<void> {
  response.setHeader('Cache-Control', 'private, no-cache');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  if (download.kind === 'document') {
    response.status(200).type(download.contentType).send(download.body);
    return;
  }
  const { artifact, contentType } = download;
  const etag = `"${artifact.sha256}"`;
  response.setHeader('ETag', etag);
  response.setHeader('Accept-Ranges', 'bytes');
  if (request.headers['if-none-match']?.split(',').some((tag) => tag.trim() === etag)) {
    response.status(304).end();
    return;
  }

  const size = artifact.sizeBytes;
  const ifRange = request.headers['if-range'];
  const range = rangeStillValid(typeof ifRange === 'string' ? ifRange : undefined, etag)
    ? parseRange(request.headers.range, size)
    : ({ kind: 'whole' } as const);
  if (range.kind === 'unsatisfiable') {
    throw new AppError(
      'artifact/range-not-satisfiable',
      `The artifact has ${size} bytes; ask for a range that starts before the end.`,
      416,
      { size },
      { 'Content-Range': `bytes */${size}` },
    );
  }
  const stream =
    range.kind === 'partial'
      ? await readStored(artifact, { start: range.start, end: range.end })
      : await readStored(artifact);
  // Set only now: an error answered above must go out as JSON.
  response.setHeader('Content-Type', contentType);
  if (artifact.name.endsWith('.pcapng'))
    response.setHeader('Content-Disposition', `attachment; filename="${artifact.name}"`);
  if (range.kind === 'partial') {
    response.status(206);
    response.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
    response.setHeader('Content-Length', String(range.end - range.start + 1));
  } else {
    response.status(200);
    response.setHeader('Content-Length', String(size));
  }
  // A failure mid-body cannot become an error response any more: the connection is cut.
  await pipeline(stream, response).catch(() => response.destroy());
}
