import type { SelfTestView } from '../api/types';
import { formatDateTime, formatDuration } from '../ui/format';
import { selfTestVerdict, solutionVerdict } from './self-test-verdict';

/**
 * One self-test: its verdict (announced politely as it changes), progress while it runs,
 * and a row per solution with what was expected, what happened and what to fix.
 */
export function SelfTestResult({ selfTest }: { selfTest: SelfTestView }) {
  const verdict = selfTestVerdict(selfTest);
  const { finished, total } = selfTest.progress;
  const toneClass = verdict.tone === 'ok' ? 'alert-ok' : verdict.tone === 'error' ? 'alert-error' : 'alert-pending';
  return (
    <div className="self-test-result">
      <div role="status" aria-live="polite" className={`alert ${toneClass} self-test-verdict`}>
        <strong>Self-test {verdict.headline}.</strong> {verdict.detail}
      </div>
      {verdict.tone === 'pending' && (
        <p>
          <label htmlFor={`progress-${selfTest.id}`}>Solutions finished </label>
          <progress id={`progress-${selfTest.id}`} max={Math.max(1, total)} value={finished}>
            {finished} of {total}
          </progress>{' '}
          {finished} of {total}
        </p>
      )}
      <p className="muted">
        Requested {formatDateTime(selfTest.queuedAt)}
        {selfTest.attempt > 1 ? ` · attempt ${selfTest.attempt}` : ''}
        {selfTest.finishedAt ? ` · finished ${formatDateTime(selfTest.finishedAt)}` : ''}
      </p>
      {selfTest.results.length > 0 && (
        <table className="data-table self-test-table">
          <caption className="visually-hidden">Solutions of the self-test</caption>
          <thead>
            <tr>
              <th scope="col">Solution</th>
              <th scope="col">Language</th>
              <th scope="col">Expected</th>
              <th scope="col">Actual</th>
              <th scope="col">Verdict</th>
              <th scope="col">What to fix</th>
            </tr>
          </thead>
          <tbody>
            {selfTest.results.map((result, i) => {
              const row = solutionVerdict(result);
              return (
                <tr key={`${result.kind}-${result.name}-${result.language}-${i}`} className={row.ok ? 'solution-ok' : 'solution-wrong'}>
                  <th scope="row">{row.solution}</th>
                  <td>{row.language}</td>
                  <td>{row.expected}</td>
                  <td>
                    {row.actual} <span className="muted">({formatDuration(result.durationMs)})</span>
                  </td>
                  <td className={row.ok ? 'status-pass' : 'status-fail'}>{row.ok ? 'Pass' : 'Fail'}</td>
                  <td>
                    {row.fixes.length === 0 ? (
                      <span className="muted">nothing</span>
                    ) : (
                      <ul className="fixes">
                        {row.fixes.map((fix) => (
                          <li key={fix}>{fix}</li>
                        ))}
                        {result.problems.map((problem) => (
                          <li key={problem} className="muted">
                            {problem}
                          </li>
                        ))}
                      </ul>
                    )}
                    {!result.build.ok && result.build.output && (
                      <details>
                        <summary>Compiler output</summary>
                        <pre className="mono">{result.build.output}</pre>
                      </details>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
