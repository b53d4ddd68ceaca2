import { useLayoutEffect, useRef, useState } from 'react';
import { formatOffset } from '../../ui/format';
import { stateTone } from '../ladder/ladder-text';
import { placeCalls } from './call-track';
import type { SocketTimeline, Timelines } from './timeline-model';

const LABEL_WIDTH = 118;
const LANE_HEIGHT = 20;
const CALL_HEIGHT = 16;
/** Calls read out per socket by screen readers; the rest are in trace.json. */
const LISTED_CALLS = 40;

/**
 * One swimlane chart per socket on a shared time axis (model: timeline-model.ts), with
 * the socket's calls underneath. Each chart has a text equivalent for screen readers.
 */
export function StateTimelines({
  timelines,
  endpointLabel,
}: {
  timelines: Timelines;
  endpointLabel(endpoint: string): string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(760);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.max(360, Math.floor(entry.contentRect.width))));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  if (timelines.sockets.length === 0) return <p>No socket state observed yet.</p>;
  const span = Math.max(timelines.endMs - timelines.startMs, 0.001);
  const x = (t: number) => LABEL_WIDTH + ((t - timelines.startMs) / span) * (width - LABEL_WIDTH - 12);
  return (
    <div ref={box} className="timelines">
      {timelines.sockets.map((socket) => (
        <SocketChart
          key={`${socket.connectionId}/${socket.endpoint}`}
          socket={socket}
          x={x}
          width={width}
          t0={timelines.startMs}
          title={`${endpointLabel(socket.endpoint)} ↔ ${endpointLabel(socket.remote)}`}
        />
      ))}
    </div>
  );
}

function SocketChart({
  socket,
  x,
  width,
  t0,
  title,
}: {
  socket: SocketTimeline;
  x(t: number): number;
  width: number;
  t0: number;
  title: string;
}) {
  const calls = placeCalls(socket.calls, x, width - 12);
  const height = socket.lanes.length * LANE_HEIGHT + (calls.length > 0 ? 14 + CALL_HEIGHT + 4 : 0) + 6;
  const callsTop = socket.lanes.length * LANE_HEIGHT + 14;
  return (
    <section className="socket-chart">
      <h4>{title}</h4>
      <svg width={width} height={height} aria-hidden="true">
        {socket.lanes.map((lane, i) => (
          <g key={lane.state} className={`lane tone-${stateTone(lane.state)}`}>
            <text x={LABEL_WIDTH - 8} y={i * LANE_HEIGHT + 14} textAnchor="end" className="lane-label">
              {lane.state}
            </text>
            <line x1={LABEL_WIDTH} x2={width - 12} y1={i * LANE_HEIGHT + 10} y2={i * LANE_HEIGHT + 10} className="lane-rule" />
            {lane.intervals.map((interval) => (
              <rect
                key={interval.startMs}
                x={x(interval.startMs)}
                y={i * LANE_HEIGHT + 3}
                width={Math.max(3, x(interval.endMs) - x(interval.startMs))}
                height={LANE_HEIGHT - 6}
                rx={3}
                className={interval.open ? 'bar is-open' : 'bar'}
              >
                <title>{`${lane.state} from ${formatOffset(interval.startMs - t0)}${interval.open ? ' until the end' : ` to ${formatOffset(interval.endMs - t0)}`}`}</title>
              </rect>
            ))}
          </g>
        ))}
        {calls.length > 0 && (
          <text x={LABEL_WIDTH - 8} y={callsTop + 12} textAnchor="end" className="lane-label">
            calls
          </text>
        )}
        {calls.map(({ call, left, right, labelled }, i) => (
          <g key={i} className={call.failed ? 'call is-failed' : 'call'}>
            <rect x={left} y={callsTop} width={right - left} height={CALL_HEIGHT} rx={3} />
            {labelled && (
              <text x={left + 3} y={callsTop + 12} className="call-label">
                {call.label}
              </text>
            )}
            <title>{`${call.label}: called at ${formatOffset(call.startMs - t0)}, ${call.endMs === null ? 'never returned' : `returned at ${formatOffset(call.endMs - t0)}`}`}</title>
          </g>
        ))}
      </svg>
      <ul className="visually-hidden">
        {socket.lanes.flatMap((lane) =>
          lane.intervals.map((interval) => (
            <li key={`${lane.state}-${interval.startMs}`}>
              {lane.state} from {formatOffset(interval.startMs - t0)}
              {interval.open ? ' until the end' : ` to ${formatOffset(interval.endMs - t0)}`}
            </li>
          )),
        )}
        {socket.calls.slice(0, LISTED_CALLS).map((call, i) => (
          <li key={`call-${i}`}>
            {call.label}, called at {formatOffset(call.startMs - t0)}
          </li>
        ))}
        {socket.calls.length > LISTED_CALLS && (
          <li>and {socket.calls.length - LISTED_CALLS} more calls (all of them are in trace.json)</li>
        )}
      </ul>
    </section>
  );
}
