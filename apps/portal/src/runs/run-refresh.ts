import type { FeedStatus } from './live/run-feed';

/**
 * When to ask the API for the run again, in ms, or null when the live stream keeps the
 * page current. The stream ends (result) before the API records the run as finished —
 * the runner stores the run's files first — and it may be out of reach altogether; in
 * both cases the page asks the API until the run is final, soon after a result, slowly
 * while the stream is down. A queued run's position in the queue has no live event: the
 * page asks for it every few seconds while the API reports one.
 */
export function refreshDelay(state: {
  finished: boolean;
  hasResult: boolean;
  feed: FeedStatus;
  /** Queued, with a queue position the API reports: it moves without live events. */
  queuedWithPosition?: boolean;
}): number | null {
  if (state.finished) return null;
  if (state.hasResult) return 1000;
  if (state.queuedWithPosition) return 3000;
  if (state.feed === 'failed' || state.feed === 'reconnecting') return 5000;
  return null;
}
