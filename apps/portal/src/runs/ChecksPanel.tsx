import { formatScore } from '../ui/format';
import type { CheckGroup, CheckRow } from './report/check-rows';
import { drawableEvidence, type EvidenceRef } from './report/run-report';

const STATUS_WORDS: Record<CheckRow['status'], string> = {
  pass: 'Passed',
  fail: 'Failed',
  error: 'Could not be checked',
  skip: 'Skipped',
};

interface Props {
  groups: CheckGroup[];
  /** Null while the diagram cannot show evidence yet (before trace.json is loaded). */
  onShowEvidence: ((scenarioId: string, evidence: EvidenceRef[]) => void) | null;
}

/** Check results as they arrive: outcome, points, what was observed, why it matters, and the evidence. */
export function ChecksPanel({ groups, onShowEvidence }: Props) {
  if (groups.length === 0) return <p className="muted">Checks are graded once the program has run.</p>;
  return (
    <div className="checks">
      {groups.map((group) => (
        <section key={group.scenarioId} aria-label={`Checks of the scenario ${group.title}`}>
          <h3>{group.title}</h3>
          <ul>
            {group.checks.map((check) => (
              <li key={check.id} className={`check check-${check.status}`}>
                <div className="check-head">
                  <span className={`check-status status-${check.status}`}>{STATUS_WORDS[check.status]}</span>
                  <span className="check-title">{check.title}</span>
                  <span className="check-points">{formatScore(check.points, check.maxPoints)}</span>
                </div>
                {check.explanation && <p className="check-explanation">{check.explanation}</p>}
                {check.message && check.status !== 'pass' && <pre className="check-message">{check.message}</pre>}
                {check.message && check.status === 'pass' && <p className="check-observed">{check.message}</p>}
                <EvidenceLink check={check} scenarioId={group.scenarioId} onShowEvidence={onShowEvidence} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function EvidenceLink({
  check,
  scenarioId,
  onShowEvidence,
}: {
  check: CheckRow;
  scenarioId: string;
  onShowEvidence: Props['onShowEvidence'];
}) {
  const evidence = drawableEvidence(check);
  if (evidence.length === 0) return null;
  if (!onShowEvidence) return <p className="hint">The evidence can be shown once the run’s trace is stored.</p>;
  const what = evidence.length === 1 ? (evidence[0].kind === 'packet' ? 'segment' : 'state') : `${evidence.length} items`;
  return (
    <button type="button" className="link-button" onClick={() => onShowEvidence(scenarioId, evidence)}>
      Show the evidence ({what}) in the diagram
    </button>
  );
}
