import type { LiveRunEnd } from '@socklab/contracts';
import { io } from 'socket.io-client';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { LiveRunLog } from './live-run-log';
import { followRun, type FeedSocket, type FeedStatus } from './run-feed';

export interface LiveRun {
  log: LiveRunLog;
  /** Changes whenever the log took new events. */
  version: number;
  status: FeedStatus;
  /** Why the feed failed or is reconnecting, if the gateway said. */
  problem: { code: string; message: string } | null;
  end: LiveRunEnd | null;
}

/** The browser's socket.io connection to the API's origin (the dev server proxies it). */
function connectSocket(namespace: string, token: string): FeedSocket {
  return io(namespace, { auth: { token }, autoConnect: false, transports: ['websocket', 'polling'] }) as unknown as FeedSocket;
}

/** Follows a run's events while the component is mounted; `enabled: false` stays offline. */
export function useLiveRun(runId: string, token: string, enabled: boolean): LiveRun {
  const log = useMemo(() => new LiveRunLog(), [runId]);
  const [listeners] = useState(() => new Set<() => void>());
  const version = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => log.version,
  );
  const [status, setStatus] = useState<FeedStatus>('connecting');
  const [problem, setProblem] = useState<LiveRun['problem']>(null);
  const [end, setEnd] = useState<LiveRunEnd | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const feed = followRun({
      runId,
      token,
      fromSeq: () => log.nextSeq,
      connect: connectSocket,
      handlers: {
        onEvents: (events) => {
          if (log.applyAll(events)) listeners.forEach((notify) => notify());
        },
        onStatus: (next, detail) => {
          setStatus(next);
          setProblem(detail?.error ?? null);
        },
        onEnd: setEnd,
      },
    });
    return () => feed.close();
  }, [runId, token, enabled, log, listeners]);

  return { log, version, status, problem, end };
}
