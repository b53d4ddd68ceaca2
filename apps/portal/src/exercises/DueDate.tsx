import { formatDateTime } from '../ui/format';
import { dueNote } from './due-date';

/** A due date in the viewer's local time, then how far off it is ("due in 3 days", "past due"). */
export function DueDate({ dueAt, now }: { dueAt: string | null; now: number }) {
  const note = dueNote(dueAt, now);
  if (dueAt === null || note === null) return <span className="muted">no due date</span>;
  return (
    <span className="due-date">
      <time dateTime={dueAt}>{formatDateTime(dueAt)}</time>{' '}
      <span className={note.past ? 'badge badge-failed' : 'badge badge-queued'}>{note.text}</span>
    </span>
  );
}
