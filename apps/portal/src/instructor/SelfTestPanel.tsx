import { useSignedIn } from '../auth/session-context';
import { ErrorAlert } from '../ui/feedback';
import { formatDateTime } from '../ui/format';
import { SelfTestResult } from './SelfTestResult';
import { useSelfTests } from './use-self-test';

const STATUS_WORDS = { queued: 'Queued', running: 'Running', passed: 'Passed', failed: 'Failed', error: 'Could not run' } as const;

/**
 * The self-test of a published exercise version: run it, watch it, read its verdict per
 * solution, and look back at the version's earlier self-tests.
 */
export function SelfTestPanel({ exerciseId, version }: { exerciseId: string; version: number }) {
  const { api } = useSignedIn();
  const selfTests = useSelfTests(api, exerciseId, version);
  const { list, shown } = selfTests;
  return (
    <section aria-labelledby="self-test-heading" className="self-test">
      <h2 id="self-test-heading">Self-test of version {version}</h2>
      <p id="self-test-hint" className="hint">
        Runs every solution of the version through the lab: each reference solution must score full marks, each faulty
        solution must fail exactly the checks its mustFail lists. A version with solutions can be assigned to a course once a
        self-test passed.
      </p>
      <p>
        <button
          type="button"
          className="button-primary"
          aria-describedby="self-test-hint"
          onClick={selfTests.start}
          disabled={selfTests.starting || selfTests.running}
        >
          {selfTests.starting ? 'Starting…' : selfTests.running ? 'Self-test running…' : 'Run self-test'}
        </button>
      </p>
      {selfTests.startError !== null && <ErrorAlert error={selfTests.startError} title="The self-test was not started." />}
      {selfTests.pollError !== null && <ErrorAlert error={selfTests.pollError} title="The self-test’s progress could not be read; trying again." />}
      {shown && <SelfTestResult selfTest={shown} />}

      <h3>Self-tests of this version</h3>
      {list.state === 'failed' && <ErrorAlert error={list.error} title="The self-tests could not be listed." />}
      {list.state === 'ready' && list.data.length === 0 && <p className="muted">None yet.</p>}
      {list.state === 'ready' && list.data.length > 0 && (
        <table className="data-table self-test-history">
          <thead>
            <tr>
              <th scope="col">Requested</th>
              <th scope="col">Status</th>
              <th scope="col">Solutions as documented</th>
              <th scope="col">
                <span className="visually-hidden">Details</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((selfTest) => (
              <tr key={selfTest.id} aria-current={shown?.id === selfTest.id ? 'true' : undefined}>
                <td>{formatDateTime(selfTest.queuedAt)}</td>
                <td>{STATUS_WORDS[selfTest.status]}</td>
                <td>
                  {selfTest.results.filter((r) => r.ok).length} of {selfTest.progress.total}
                </td>
                <td>
                  {shown?.id === selfTest.id ? (
                    <span className="muted">shown above</span>
                  ) : (
                    <button type="button" className="link-button" onClick={() => selfTests.show(selfTest)}>
                      Show<span className="visually-hidden"> the self-test of {formatDateTime(selfTest.queuedAt)}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
