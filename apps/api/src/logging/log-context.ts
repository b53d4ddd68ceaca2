import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Fields every log line of one request carries (requestId, tenantId, userId, runId, …),
 * kept in AsyncLocalStorage so code deep in a request adds them once and the logger
 * picks them up everywhere. Outside a request there is no context.
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

const storage = new AsyncLocalStorage<LogFields>();

/** Runs `fn` with `fields` as its context; the object itself is the context (additions show in it). */
export function runWithLogContext<T>(fields: LogFields, fn: () => T): T {
  return storage.run(fields, fn);
}

/** Adds fields to the current request's context; no-op outside one. */
export function addLogContext(fields: LogFields): void {
  const store = storage.getStore();
  if (store) Object.assign(store, fields);
}

/** The current context (the live object: later additions show). */
export function currentLogContext(): LogFields | undefined {
  return storage.getStore();
}
