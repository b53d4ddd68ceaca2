import { useId, useState, type FormEvent } from 'react';
import { useSignedIn } from '../auth/session-context';
import { ErrorAlert, Loading } from '../ui/feedback';
import { formatDateTime } from '../ui/format';
import { useLoad } from '../ui/use-load';

/** A course's enrolled members: enrol one by email, remove one. */
export function CourseLearners({ courseId, courseName }: { courseId: string; courseName: string }) {
  const { api } = useSignedIn();
  const ids = useId();
  const enrolled = useLoad((signal) => api.listEnrollments(courseId, signal), [courseId]);
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const act = async (what: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await what());
      enrolled.reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const enrol = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      const enrolment = await api.enroll(courseId, email.trim());
      setEmail('');
      return `${enrolment.displayName} (${enrolment.email}) is enrolled in ${courseName}.`;
    });
  };

  return (
    <>
      <h3>Learners</h3>
      {enrolled.state === 'loading' && <Loading what="the learners" />}
      {enrolled.state === 'failed' && <ErrorAlert error={enrolled.error} title="The learners could not be loaded." />}
      {enrolled.state === 'ready' && enrolled.data.length === 0 && <p className="muted">Nobody is enrolled yet.</p>}
      {enrolled.state === 'ready' && enrolled.data.length > 0 && (
        <table className="data-table">
          <caption className="visually-hidden">Learners of {courseName}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Enrolled</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {enrolled.data.map((e) => (
              <tr key={e.userId}>
                <th scope="row">{e.displayName}</th>
                <td>{e.email}</td>
                <td>{formatDateTime(e.enrolledAt)}</td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    disabled={busy}
                    onClick={() =>
                      act(async () => {
                        await api.unenroll(courseId, e.userId);
                        return `${e.displayName} is no longer enrolled in ${courseName}.`;
                      })
                    }
                  >
                    Remove<span className="visually-hidden"> {e.displayName}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={enrol} className="toolbar" aria-label={`Enrol a learner in ${courseName}`}>
        <label htmlFor={`${ids}-email`}>Learner’s email</label>
        <input id={`${ids}-email`} type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        <button type="submit" className="button-primary" disabled={busy || email.trim() === ''}>
          Enrol
        </button>
      </form>
      {done && (
        <p role="status" className="alert alert-ok">
          {done}
        </p>
      )}
      {error !== null && <ErrorAlert error={error} title="Not changed." />}
    </>
  );
}
