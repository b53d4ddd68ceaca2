import { useState, type FormEvent } from 'react';
import { useRouter } from '../app/router';
import { pathTo } from '../app/routes';
import { ErrorAlert } from '../ui/feedback';

interface Props {
  /** The button's text, e.g. "Submit and run". */
  label: string;
  busyLabel: string;
  /** Heads a refusal, e.g. "Not submitted." */
  failureTitle: string;
  disabled: boolean;
  /** Starts the run; what it throws (a refusal of the portal's or of the API's) is shown under the button. */
  start(): Promise<{ runId: string }>;
}

/** A form whose one button starts a run, then opens the run's live page. */
export function StartRunForm({ label, busyLabel, failureTitle, disabled, start }: Props) {
  const { navigate } = useRouter();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const accepted = await start();
      navigate(pathTo('run', { id: accepted.runId }));
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="submit-form">
      <button type="submit" className="button-primary" disabled={busy || disabled}>
        {busy ? busyLabel : label}
      </button>
      {error !== null && <ErrorAlert error={error} title={failureTitle} />}
    </form>
  );
}
