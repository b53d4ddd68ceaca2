import type { LoggerService, LogLevel } from '@nestjs/common';
import { currentLogContext, type LogFields } from './log-context';

export type ApiLogLevel = 'debug' | 'info' | 'warn' | 'error';

const RANK: Record<ApiLogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * The API's log: one JSON object per line, `{ time, level, context, msg, …fields }`,
 * with the current request's fields (requestId, tenantId, userId, runId) merged in.
 * A message may be an object: its `msg` is the text and its other keys become fields,
 * e.g. `logger.warn({ msg: 'stream unreadable', runId })`. Nest's levels map onto four:
 * verbose/debug → debug, log → info, fatal → error.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly minimum: ApiLogLevel = 'info',
    private readonly write: (line: string) => void = (line) => process.stdout.write(line),
  ) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.emit('info', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.emit('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest);
  }

  setLogLevels(_levels: LogLevel[]): void {
    // The level is the API's configuration (SOCKLAB_LOG_LEVEL), not Nest's.
  }

  private emit(level: ApiLogLevel, message: unknown, rest: unknown[]): void {
    if (RANK[level] < RANK[this.minimum]) return;
    // Nest passes the context last; error() may pass a stack before it.
    const context =
      rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const stack = rest.find((item): item is string => typeof item === 'string' && item.includes('\n    at '));
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level };
    if (context) entry['context'] = context;
    Object.assign(entry, currentLogContext() ?? {}, fieldsOf(message));
    if (stack) entry['stack'] = stack;
    this.write(`${JSON.stringify(entry)}\n`);
  }
}

function fieldsOf(message: unknown): LogFields & { msg?: unknown } {
  if (message instanceof Error) return { msg: message.message, stack: message.stack };
  if (typeof message === 'object' && message !== null) return { ...(message as LogFields) };
  return { msg: String(message) };
}
