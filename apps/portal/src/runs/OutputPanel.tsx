import type { OutputBlock } from './live/live-run-log';

const STREAM_NAMES: Record<OutputBlock['stream'], string> = {
  build: 'build output',
  stdout: 'stdout',
  stderr: 'stderr',
};

/**
 * Compiler output and the program's stdout/stderr as they arrive, in arrival order, each
 * block labelled with its host and stream. A log, not an alert: it does not interrupt
 * screen readers on every chunk.
 */
export function OutputPanel({
  blocks,
  truncated,
  finished,
}: {
  blocks: readonly OutputBlock[];
  truncated: boolean;
  finished: boolean;
}) {
  if (blocks.length === 0)
    return <p className="muted">{finished ? 'Neither the build nor the program printed anything.' : 'No output yet.'}</p>;
  return (
    <div className="output" role="log" aria-live="off" tabIndex={0} aria-label="Build and program output">
      {blocks.map((block, i) => (
        <section key={i} className={`output-block stream-${block.stream}`}>
          <h4>
            {block.stream === 'build' ? 'build' : block.host} · {STREAM_NAMES[block.stream]}
          </h4>
          <pre>{block.text}</pre>
        </section>
      ))}
      {truncated && <p className="hint">Output beyond 1,000,000 characters is not shown here; the stored logs hold it.</p>}
    </div>
  );
}
