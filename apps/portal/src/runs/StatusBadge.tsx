import type { RunStatus } from '@socklab/contracts';

const LABELS: Record<RunStatus, string> = {
  queued: 'Queued',
  building: 'Building',
  running: 'Running',
  grading: 'Grading',
  done: 'Done',
  failed: 'Not gradable',
  cancelled: 'Cancelled',
};

/** A run's status in words (colour only repeats what the word says). */
export function StatusBadge({ status, gradable }: { status: RunStatus; gradable?: boolean | null }) {
  const label = status === 'done' && gradable === false ? 'Not gradable' : LABELS[status];
  return <span className={`badge badge-${status}`}>{label}</span>;
}
