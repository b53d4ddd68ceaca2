import { useEffect, useState } from 'react';
import type { SocklabApi } from '../api/socklab-api';
import type { ScenarioPicture } from './picture/picture';
import { picturesFromTrace } from './picture/trace-picture';

export type RunTrace =
  | { state: 'idle' | 'loading' }
  | { state: 'ready'; pictures: ScenarioPicture[] }
  | { state: 'failed'; error: unknown };

/** The stored trace.json of a finished run, as pictures; fetched once `available` turns true. */
export function useRunTrace(
  api: SocklabApi,
  runId: string,
  available: boolean,
  titles: Readonly<Record<string, string>>,
): RunTrace {
  const [trace, setTrace] = useState<RunTrace>({ state: 'idle' });
  const titleKey = JSON.stringify(titles);
  useEffect(() => {
    if (!available) return;
    const controller = new AbortController();
    setTrace({ state: 'loading' });
    api
      .artifact(runId, 'trace.json', controller.signal)
      .then((response) => response.json())
      .then((document: unknown) => {
        if (!controller.signal.aborted) setTrace({ state: 'ready', pictures: picturesFromTrace(document, JSON.parse(titleKey)) });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setTrace({ state: 'failed', error });
      });
    return () => controller.abort();
  }, [api, runId, available, titleKey]);
  return trace;
}
