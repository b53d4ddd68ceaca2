/**
 * What a learner reads while their run waits for a runner: how long it has waited and,
 * when the API reports it (`queuePosition`, optional), its place in the queue. Pure.
 */
import type { RunDetail } from '../api/types';
import { formatDuration } from '../ui/format';

type QueuedRun = Pick<RunDetail, 'status' | 'queuedAt' | 'queuePosition'>;

/**
 * The run's place in the queue, counted from 1 (next), or null when not reported. The API's
 * `queuePosition` counts the runs ahead of it (0 = next).
 */
export function queuePosition(run: Pick<RunDetail, 'queuePosition'>): number | null {
  const ahead = run.queuePosition;
  return typeof ahead === 'number' && Number.isInteger(ahead) && ahead >= 0 ? ahead + 1 : null;
}

/** "Queued for 12.0 s, position 3 in the queue. …"; null once the run has left the queue. */
export function queueNote(run: QueuedRun, now: number): string | null {
  if (run.status !== 'queued') return null;
  const since = Date.parse(run.queuedAt);
  const waited = Number.isNaN(since) ? null : formatDuration(Math.max(0, now - since));
  const position = queuePosition(run);
  const where = position === null ? '' : position === 1 ? ', next in the queue (position 1)' : `, position ${position} in the queue`;
  return `Queued${waited ? ` for ${waited}` : ''}${where}. Waiting for a free runner; runs are taken in the order they were submitted.`;
}
