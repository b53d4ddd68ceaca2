import { formatDuration } from '../ui/format';
import type { PhaseStep } from './phase-steps';

const LABELS: Record<PhaseStep['phase'], string> = {
  queued: 'Queued',
  building: 'Building',
  running: 'Running',
  grading: 'Grading',
  done: 'Done',
};
const STATE_WORDS: Record<PhaseStep['state'], string> = {
  done: 'finished',
  current: 'in progress',
  pending: 'not started',
  failed: 'stopped here',
  skipped: 'skipped',
};

/** The run's phases as an ordered list: each phase's state in words and its time. */
export function PhaseBar({ steps, note }: { steps: PhaseStep[]; note?: string }) {
  return (
    <div className="phase-bar">
      <ol aria-label="Phases of the run">
        {steps.map((step) => (
          <li
            key={step.phase}
            className={`phase phase-${step.state}`}
            aria-current={step.state === 'current' ? 'step' : undefined}
          >
            <span className="phase-name">{LABELS[step.phase]}</span>
            <span className="phase-time">
              <span className="visually-hidden">{STATE_WORDS[step.state]}, </span>
              {step.elapsedMs !== null ? formatDuration(step.elapsedMs) : step.state === 'done' ? '✓' : ''}
            </span>
          </li>
        ))}
      </ol>
      {note && <p className="hint">{note}</p>}
    </div>
  );
}
