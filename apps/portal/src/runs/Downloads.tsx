import { useState } from 'react';
import type { ArtifactSummary } from '../api/types';
import { useSignedIn } from '../auth/session-context';
import { ErrorAlert } from '../ui/feedback';
import { formatBytes } from '../ui/format';

const DESCRIPTIONS: [RegExp, string][] = [
  [/\.pcapng$/, 'packet capture — opens in Wireshark'],
  [/^trace\.json$/, 'every segment, state and socket call'],
  [/^report\.json$/, 'the grader’s report'],
  [/\.log$|\.txt$/, 'log'],
];

/**
 * Downloads of a run's stored files. The API wants the bearer token, which a plain link
 * cannot send, so the file is fetched and handed to the browser as a blob.
 */
export function Downloads({ runId, artifacts }: { runId: string; artifacts: readonly ArtifactSummary[] }) {
  const { api } = useSignedIn();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const download = async (name: string) => {
    setBusy(name);
    setError(null);
    try {
      const response = await api.artifact(runId, name);
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };
  if (artifacts.length === 0) return <p className="muted">The run’s files are stored when it finishes.</p>;
  const ordered = [...artifacts].sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
  return (
    <>
      <ul className="downloads">
        {ordered.map((artifact) => (
          <li key={artifact.name}>
            <button type="button" className="link-button" onClick={() => download(artifact.name)} disabled={busy === artifact.name}>
              {artifact.name}
            </button>{' '}
            <span className="muted">
              {formatBytes(artifact.sizeBytes)}
              {describe(artifact.name) && ` · ${describe(artifact.name)}`}
            </span>
          </li>
        ))}
      </ul>
      {error !== null && <ErrorAlert error={error} title="The download failed." />}
    </>
  );
}

const rank = (name: string) => {
  const i = DESCRIPTIONS.findIndex(([pattern]) => pattern.test(name));
  return i === -1 ? DESCRIPTIONS.length : i;
};
const describe = (name: string) => DESCRIPTIONS.find(([pattern]) => pattern.test(name))?.[1] ?? null;
