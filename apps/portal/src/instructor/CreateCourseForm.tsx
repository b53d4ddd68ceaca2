import { useState, type FormEvent } from 'react';
import type { Course } from '../api/types';
import { useSignedIn } from '../auth/session-context';
import { ErrorAlert } from '../ui/feedback';

/** Creates a course (POST /courses) and hands it to `onCreated`. */
export function CreateCourseForm({ onCreated }: { onCreated(course: Course): void }) {
  const { api } = useSignedIn();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onCreated(await api.createCourse(name.trim()));
      setName('');
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="toolbar" aria-label="New course">
      <label htmlFor="course-name">Course name</label>
      <input id="course-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />
      <button type="submit" className="button-primary" disabled={busy || name.trim() === ''}>
        {busy ? 'Creating…' : 'Create course'}
      </button>
      {error !== null && <ErrorAlert error={error} title="The course was not created." />}
    </form>
  );
}
