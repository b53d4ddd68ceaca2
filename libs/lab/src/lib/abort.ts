import { LabError } from './errors';

/** Throws 'lab/aborted' when the run's signal fired; called between phases and steps. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new LabError('lab/aborted', `the run was cancelled: ${abortReason(signal)}`);
}

/** A promise that rejects with 'lab/aborted' once the signal fires (never settles without one). */
export function whenAborted(signal: AbortSignal | undefined): { promise: Promise<never>; dispose(): void } {
  if (!signal) return { promise: new Promise<never>(() => undefined), dispose: () => undefined };
  let onAbort = (): void => undefined;
  const promise = new Promise<never>((_, reject) => {
    onAbort = () => reject(new LabError('lab/aborted', `the run was cancelled: ${abortReason(signal)}`));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  promise.catch(() => undefined);
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}

/** Runs `action` but rejects as soon as the signal fires. */
export async function abortable<T>(signal: AbortSignal | undefined, action: Promise<T>): Promise<T> {
  const aborted = whenAborted(signal);
  try {
    return await Promise.race([action, aborted.promise]);
  } finally {
    aborted.dispose();
  }
}

function abortReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : String(reason ?? 'aborted');
}
