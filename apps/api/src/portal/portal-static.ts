import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

/** Paths that belong to the API, its WebSocket gateway and its probes, never to the portal. */
const API_PATHS = /^\/(api|socket\.io|healthz|readyz)(\/|$)/;

/**
 * The portal's pages come from its index.html, whose script and style are under /assets
 * with content hashes in their names. The policy allows only this origin's scripts;
 * inline styles are needed by CodeMirror and by React style attributes; WebSockets to
 * this origin carry the live run events.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/**
 * Serves a single-page app from `dir` on an Express app, after the API's routes:
 * - files as they are; /assets/* (hashed names) cached for a year, everything else
 *   revalidated on each load so a new deployment shows at once;
 * - any other GET for an HTML page (a client-side route such as /runs/<id>) gets
 *   index.html, so deep links and reloads work;
 * - API paths, and missing files with an extension, fall through to the API's 404.
 */
export function servePortal(app: Express, dir: string): void {
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) throw new Error(`The portal folder ${dir} has no index.html; build it with "npx nx build portal".`);
  app.use(
    express.static(dir, {
      index: false,
      setHeaders: (response, file) => {
        const immutable = path.relative(dir, file).startsWith(`assets${path.sep}`);
        response.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        response.setHeader('X-Content-Type-Options', 'nosniff');
      },
    }),
  );
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (API_PATHS.test(request.path) || path.extname(request.path) !== '') return next();
    if (!request.accepts('html')) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'same-origin');
    response.sendFile(index);
  });
}
