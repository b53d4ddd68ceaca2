import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { LadderDiagram, type LadderHighlight } from './ladder/LadderDiagram';
import { buildLadder } from './ladder/ladder-model';
import type { ScenarioPicture } from './picture/picture';
import { endpointLabeller, locateEvidence } from './picture/picture-lookup';
import type { EvidenceRef } from './report/run-report';
import { StateTimelines } from './timeline/StateTimelines';
import { buildTimelines } from './timeline/timeline-model';

export interface EvidenceFocus {
  scenarioId: string;
  evidence: EvidenceRef[];
  /** Changes on every request, so asking for the same evidence twice scrolls again. */
  nonce: number;
}

interface Props {
  pictures: ScenarioPicture[];
  /** 'trace': from trace.json (exact times); 'live': from the event stream. */
  source: 'live' | 'trace';
  focus: EvidenceFocus | null;
}

/** Scenario tabs; for the chosen scenario, a connection's ladder diagram and every socket's state timeline. */
export function ScenarioView({ pictures, source, focus }: Props) {
  const [scenarioIndex, setScenarioIndex] = useState(0);
  const [connectionId, setConnectionId] = useState<string | null>(null);
  const region = useRef<HTMLDivElement>(null);
  const picture = pictures[Math.min(scenarioIndex, pictures.length - 1)];

  const target = useMemo(() => {
    if (!focus) return null;
    const index = pictures.findIndex((p) => p.id === focus.scenarioId);
    if (index === -1) return null;
    const located = locateEvidence(pictures[index], focus.evidence);
    return located ? { index, ...located, nonce: focus.nonce } : null;
  }, [focus, pictures]);
  useEffect(() => {
    if (!target) return;
    setScenarioIndex(target.index);
    setConnectionId(target.connectionId);
    region.current?.scrollIntoView?.({ block: 'start' });
    region.current?.querySelector<HTMLElement>('.ladder-scroll')?.focus({ preventScroll: true });
  }, [target]);

  const segmentCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const segment of picture?.segments ?? []) counts.set(segment.connectionId, (counts.get(segment.connectionId) ?? 0) + 1);
    return counts;
  }, [picture]);

  if (!picture) return <p className="muted">No segment has been captured yet.</p>;
  // The connection asked for, else the busiest one.
  const count = (id: string) => segmentCounts.get(id) ?? 0;
  const connection =
    picture.connections.find((c) => c.id === connectionId) ??
    [...picture.connections].sort((a, b) => count(b.id) - count(a.id))[0];
  const onTabKey = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = (scenarioIndex + step + pictures.length) % pictures.length;
    setScenarioIndex(next);
    document.getElementById(`scenario-tab-${next}`)?.focus();
  };

  return (
    <div ref={region} className="scenario-view">
      {pictures.length > 1 && (
        <div role="tablist" aria-label="Scenarios" className="scenario-tabs" onKeyDown={onTabKey}>
          {pictures.map((p, i) => (
            <button
              key={p.id}
              id={`scenario-tab-${i}`}
              type="button"
              role="tab"
              aria-selected={i === scenarioIndex}
              aria-controls="scenario-panel"
              tabIndex={i === scenarioIndex ? 0 : -1}
              onClick={() => {
                setScenarioIndex(i);
                setConnectionId(null);
              }}
            >
              {p.title ?? p.id}
            </button>
          ))}
        </div>
      )}
      <div id="scenario-panel" role={pictures.length > 1 ? 'tabpanel' : undefined} aria-labelledby={pictures.length > 1 ? `scenario-tab-${scenarioIndex}` : undefined}>
        <p className="hint">
          {source === 'trace'
            ? 'Drawn from the run’s trace.json: exact capture times, states from every source.'
            : 'Drawn live from the event stream; exact times replace these when the run’s trace is stored.'}
        </p>
        {picture.connections.length > 1 && (
          <p className="toolbar">
            <label htmlFor="connection">Connection</label>
            <select id="connection" value={connection?.id ?? ''} onChange={(e) => setConnectionId(e.target.value)}>
              {picture.connections.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.endpoints.join(' ⇄ ')} ({count(c.id)} segments)
                </option>
              ))}
            </select>
          </p>
        )}
        {connection ? (
          <ConnectionLadder
            picture={picture}
            connectionId={connection.id}
            highlight={target && target.connectionId === connection.id ? target : null}
          />
        ) : (
          <p className="muted">No TCP connection in this scenario yet.</p>
        )}
        <h3>Socket states over time</h3>
        <PictureTimelines picture={picture} />
        {source === 'live' && picture.syscalls.length > 0 && (
          <details className="syscalls">
            <summary>Socket calls of your program ({picture.syscalls.length})</summary>
            <ol>
              {picture.syscalls.map((call) => (
                <li key={call.order}>
                  <code>
                    {call.name}({call.args}) = {call.ret}
                    {call.errno ? ` ${call.errno}` : ''}
                  </code>
                </li>
              ))}
            </ol>
          </details>
        )}
      </div>
    </div>
  );
}

function ConnectionLadder({
  picture,
  connectionId,
  highlight,
}: {
  picture: ScenarioPicture;
  connectionId: string;
  highlight: (LadderHighlight & { nonce: number }) | null;
}) {
  const ladder = useMemo(() => {
    const connection = picture.connections.find((c) => c.id === connectionId);
    if (!connection) return null;
    return buildLadder(
      connection,
      picture.segments.filter((s) => s.connectionId === connectionId),
      picture.states.filter((s) => s.connectionId === connectionId),
    );
  }, [picture, connectionId]);
  const label = useMemo(() => endpointLabeller(picture), [picture]);
  // A new object per request (the target carries the request's nonce): asking for the
  // same evidence again scrolls to it again.
  const ladderHighlight = useMemo(
    () => (highlight ? { frames: highlight.frames, states: highlight.states } : null),
    [highlight],
  );
  if (!ladder) return null;
  return <LadderDiagram ladder={ladder} endpointLabel={label} highlight={ladderHighlight} />;
}

/** Every socket's swimlanes; recomputed only when the picture changes, not on every tick. */
function PictureTimelines({ picture }: { picture: ScenarioPicture }) {
  const timelines = useMemo(() => buildTimelines(picture), [picture]);
  const label = useMemo(() => endpointLabeller(picture), [picture]);
  return <StateTimelines timelines={timelines} endpointLabel={label} />;
}
