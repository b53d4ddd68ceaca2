import { isTerminalRunStatus } from '@socklab/contracts';
import type { PrismaClient } from '@socklab/db';
import type { RunFeed } from './run-feed';

/**
 * Ends the live feeds of runs that reached a terminal status more than `graceMs` ago
 * without a `result` event reaching their stream (a run cancelled while still queued:
 * no runner ever wrote to it). The grace covers a runner that records the outcome in
 * PostgreSQL just before it publishes the result event. One query per call, whatever
 * the number of feeds; run ids come only from feeds opened after authorisation.
 * @returns how many feeds were ended.
 */
export async function endFinishedFeeds(
  prisma: PrismaClient,
  feeds: Iterable<RunFeed>,
  graceMs: number,
  now: Date = new Date(),
): Promise<number> {
  const candidates = [...feeds].filter((feed) => feed.isOpen && feed.live);
  if (candidates.length === 0) return 0;
  const runs = await prisma.run.findMany({
    where: { id: { in: [...new Set(candidates.map((feed) => feed.runId))] } },
    select: { id: true, status: true, finishedAt: true },
  });
  const cutoff = now.getTime() - graceMs;
  const finished = new Map(
    runs
      .filter(
        (run) => isTerminalRunStatus(run.status) && run.finishedAt && run.finishedAt.getTime() <= cutoff,
      )
      .map((run) => [run.id, run.status]),
  );
  let ended = 0;
  for (const feed of candidates) {
    const status = finished.get(feed.runId);
    if (status && feed.isOpen) {
      feed.end({ reason: 'finished', status });
      ended++;
    }
  }
  return ended;
}
