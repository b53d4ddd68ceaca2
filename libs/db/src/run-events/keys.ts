/**
 * Redis layout of a run's event stream. Every key lives under a deployment prefix
 * (e.g. "socklab:"), so several deployments or test runs share one Redis safely.
 *
 * The stream's entry ids encode the event's sequence number: the event with `seq = n`
 * has id `0-(n+1)`. Redis refuses an id not greater than the last one, so a stream can
 * never hold two events with one seq or go backwards, and "history from seq n" is a plain
 * range query from id `0-n` (exclusive).
 */
export function runEventsKey(prefix: string, runId: string): string {
  return `${prefix}run:${runId}:events`;
}

/** Entries kept per run; older ones are trimmed (approximately: MAXLEN ~). */
export const RUN_EVENTS_MAX_LEN = 20_000;

/** A run's stream expires this long after its last event. */
export const RUN_EVENTS_TTL_SECONDS = 24 * 60 * 60;

export function streamIdOfSeq(seq: number): string {
  return `0-${seq + 1}`;
}

export function seqOfStreamId(id: string): number {
  const [ms, sequence] = id.split('-');
  if (ms !== '0' || sequence === undefined)
    throw new Error(`Stream id ${id} does not encode a run event seq.`);
  return Number(sequence) - 1;
}
