import { useState } from 'react';
import type { RunSummary } from '../api/types';
import { useSearchParam } from '../app/router';
import { useSignedIn } from '../auth/session-context';
import { isStaff } from '../auth/stored-session';
import { ErrorAlert, Loading, PageTitle } from '../ui/feedback';
import { useLoad } from '../ui/use-load';
import { RunTable } from './RunTable';

const PAGE = 50;

/** The history of runs: a learner's own, or (staff) every run of the tenant. Pages by creation time. */
export function RunHistoryPage() {
  const session = useSignedIn();
  const exerciseId = useSearchParam('exerciseId') ?? undefined;
  const [older, setOlder] = useState<RunSummary[]>([]);
  const [more, setMore] = useState<{ busy: boolean; error: unknown; exhausted: boolean }>({
    busy: false,
    error: null,
    exhausted: false,
  });
  const first = useLoad((signal) => session.api.listRuns({ exerciseId, limit: PAGE }, signal), [exerciseId]);

  const loadMore = async (runs: RunSummary[]) => {
    const before = runs.at(-1)?.createdAt;
    setMore({ busy: true, error: null, exhausted: false });
    try {
      const page = await session.api.listRuns({ exerciseId, limit: PAGE, before });
      setOlder((current) => [...current, ...page]);
      setMore({ busy: false, error: null, exhausted: page.length < PAGE });
    } catch (error) {
      setMore({ busy: false, error, exhausted: false });
    }
  };

  const runs = first.state === 'ready' ? [...first.data, ...older] : [];
  return (
    <section>
      <PageTitle>{isStaff(session) ? 'Runs' : 'My runs'}</PageTitle>
      {first.state === 'loading' && <Loading what="the runs" />}
      {first.state === 'failed' && <ErrorAlert error={first.error} title="The runs could not be loaded." />}
      {first.state === 'ready' && runs.length === 0 && <p>No run yet. Submit a solution from an exercise’s page.</p>}
      {runs.length > 0 && <RunTable runs={runs} showLearner={isStaff(session)} />}
      {first.state === 'ready' && first.data.length === PAGE && !more.exhausted && (
        <button type="button" onClick={() => loadMore(runs)} disabled={more.busy}>
          {more.busy ? 'Loading…' : 'Older runs'}
        </button>
      )}
      {more.error !== null && <ErrorAlert error={more.error} />}
    </section>
  );
}
