/**
 * Runs `count` tasks (scenarios, solutions), at most `concurrency` at once, starting them in index
 * order. When one fails, no further task starts and the running ones are cancelled (the
 * signal they get fires) and awaited — so they tear down what they made — before the first
 * failure is rethrown. The caller's signal cancels them all the same way.
 */
export async function runAtMost<T>(
  count: number,
  concurrency: number,
  signal: AbortSignal | undefined,
  task: (index: number, signal: AbortSignal) => Promise<T>,
): Promise<T[]> {
  const controller = new AbortController();
  const forward = (): void => controller.abort(signal?.reason);
  if (signal?.aborted) forward();
  else signal?.addEventListener('abort', forward, { once: true });
  const results: T[] = new Array<T>(count);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async (): Promise<void> => {
    while (next < count && failure === null) {
      const index = next++;
      try {
        results[index] = await task(index, controller.signal);
      } catch (error) {
        if (failure === null) {
          failure = { error };
          controller.abort(error);
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
  } finally {
    signal?.removeEventListener('abort', forward);
  }
  if (failure !== null) throw (failure as { error: unknown }).error;
  return results;
}

/** `runAtMost` over a list: `work` for each item, at most `limit` at a time; results keep the items' order. */
export function mapConcurrently<T, R>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  return runAtMost(items.length, limit, undefined, (index) => work(items[index]));
}
