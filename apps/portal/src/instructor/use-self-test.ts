import { isFinishedSelfTest } from '@socklab/contracts';
import { useCallback, useEffect, useState } from 'react';
import type { SocklabApi } from '../api/socklab-api';
import type { SelfTestView } from '../api/types';
import { useLoad } from '../ui/use-load';

/** How often an unfinished self-test is asked for again (the API has no live events for them). */
export const SELF_TEST_POLL_MS = 1000;

/**
 * The self-tests of one exercise version: the list (newest first), the one shown, and
 * `start()`. The shown self-test is polled until it is finished; an unfinished one found
 * in the list (started earlier, or elsewhere) is shown and polled too.
 */
export function useSelfTests(api: SocklabApi, exerciseId: string, version: number) {
  const list = useLoad((signal) => api.listSelfTests(exerciseId, version, signal), [exerciseId, version]);
  const [shown, setShown] = useState<SelfTestView | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<unknown>(null);
  const [pollError, setPollError] = useState<unknown>(null);

  const newest = list.state === 'ready' ? list.data[0] : undefined;
  useEffect(() => {
    if (shown === null && newest && !isFinishedSelfTest(newest.status)) setShown(newest);
  }, [shown, newest]);

  const shownId = shown?.id ?? null;
  const unfinished = shown !== null && !isFinishedSelfTest(shown.status);
  const { reload } = list;
  useEffect(() => {
    if (!unfinished || shownId === null) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.getSelfTest(exerciseId, version, shownId, controller.signal).then(
        (next) => {
          setPollError(null);
          setShown(next);
          if (isFinishedSelfTest(next.status)) reload();
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setPollError(error);
          // Keep asking: the next attempt is a fresh poll of the same self-test.
          setShown((current) => (current ? { ...current } : current));
        },
      );
    }, SELF_TEST_POLL_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, exerciseId, version, shownId, unfinished, shown, reload]);

  const start = useCallback(async () => {
    setStarting(true);
    setStartError(null);
    try {
      setShown(await api.requestSelfTest(exerciseId, version));
      reload();
    } catch (error) {
      setStartError(error);
    } finally {
      setStarting(false);
    }
  }, [api, exerciseId, version, reload]);

  return { list, shown, show: setShown, start, starting, startError, pollError, running: unfinished };
}
