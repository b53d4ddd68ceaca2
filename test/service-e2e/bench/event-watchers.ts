/**
 * Child process of service-bench.ts: `count` socket.io watchers of one run, so that 200
 * clients are spread over several processes and the benchmark times the service, not one
 * client event loop decoding 200 copies of every event. Reports to the parent over IPC:
 * 'ready' once every watcher is subscribed, then each delivery as [seq, epoch ms] with
 * sub-millisecond resolution (performance.timeOrigin + performance.now(), comparable
 * across processes of one machine).
 *
 *   node -r @swc-node/register event-watchers.ts ORIGIN TOKEN RUN_ID COUNT
 */
import { LiveWatcher } from '../src/support/live-watch';

async function main(): Promise<void> {
  const [origin, token, runId, count] = process.argv.slice(2);
  if (!origin || !token || !runId || !count)
    throw new Error('usage: event-watchers ORIGIN TOKEN RUN_ID COUNT');
  const watchers = await Promise.all(
    Array.from({ length: Number(count) }, () => LiveWatcher.connect(origin, token)),
  );
  for (const watcher of watchers) {
    const ack = await watcher.subscribe(runId);
    if (!ack.ok) throw new Error(`subscribe: ${JSON.stringify(ack)}`);
  }
  process.send?.({ type: 'ready' });
  await Promise.all(watchers.map((w) => w.untilEnd(runId, 120_000)));
  const deliveries = watchers.flatMap((w) =>
    w.eventsOf(runId).map((r) => [r.event.seq, performance.timeOrigin + r.at] as [number, number]),
  );
  for (const watcher of watchers) watcher.close();
  process.send?.({ type: 'done', deliveries }, () => process.exit(0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
