import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { formatOffset } from '../../ui/format';
import {
  ARROW_DROP,
  arrowStartY,
  columnsFor,
  diagramHeight,
  MARK_HEIGHT,
  markY,
  scrollTopFor,
  visibleParts,
  visibleRows,
  type Columns,
} from './ladder-geometry';
import type { Ladder, LadderArrow, LadderStateMark } from './ladder-model';
import { describeArrow, stateTone } from './ladder-text';

/** Evidence to mark; the view scrolls to the first frame (or, without frames, the first state). */
export interface LadderHighlight {
  frames: readonly number[];
  states: readonly { endpoint: string; state: string }[];
}

interface Props {
  ladder: Ladder;
  /** "server 10.9.0.2:5000 (your program)". */
  endpointLabel(endpoint: string): string;
  highlight?: LadderHighlight | null;
  /** Viewport height in px. */
  height?: number;
}

/**
 * The ladder diagram of one connection (model: ladder-model.ts). Virtualised: only rows
 * near the viewport are in the DOM. Keyboard: the diagram is one tab stop; ↑/↓, Home/End
 * move between segments, and the selected segment is announced and detailed below.
 */
export function LadderDiagram({ ladder, endpointLabel, highlight, height = 520 }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [width, setWidth] = useState(760);
  const [selected, setSelected] = useState<number | null>(null);
  const columns = useMemo(() => columnsFor(width), [width]);
  const rows = ladder.arrows.length;
  const t0 = ladder.arrows[0]?.timeMs ?? ladder.marks[0]?.timeMs ?? 0;

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const highlighted = useMemo(() => {
    const frames = new Set(highlight?.frames ?? []);
    const marks = new Set((highlight?.states ?? []).map((s) => markOf(ladder, s)).filter((m) => m !== null));
    const firstFrame = highlight?.frames.map((f) => ladder.arrows.find((a) => a.index === f)).find((a) => a !== undefined);
    const firstMark = [...marks][0];
    return { frames, marks, row: firstFrame?.row ?? firstMark?.gap ?? null, selectRow: firstFrame?.row ?? null };
  }, [highlight, ladder]);
  // Bring highlighted evidence into view (again for every new request).
  useEffect(() => {
    if (highlighted.row === null || !scroller.current) return;
    scroller.current.scrollTop = scrollTopFor(highlighted.row, height);
    setScrollTop(scroller.current.scrollTop);
    if (highlighted.selectRow !== null) setSelected(highlighted.selectRow);
  }, [highlighted, height]);

  const range = visibleRows(rows, scrollTop, height);
  const { arrows, marks } = visibleParts(ladder, range);
  const selectedArrow = selected !== null ? ladder.arrows[selected] : null;

  const select = (row: number) => {
    const clamped = Math.max(0, Math.min(rows - 1, row));
    setSelected(clamped);
    const element = scroller.current;
    if (!element) return;
    const y = arrowStartY(clamped);
    if (y < element.scrollTop + 20 || y > element.scrollTop + height - 40) {
      element.scrollTop = scrollTopFor(clamped, height);
      setScrollTop(element.scrollTop);
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (rows === 0) return;
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };
    if (event.key in moves) select((selected ?? -1) + moves[event.key]);
    else if (event.key === 'Home') select(0);
    else if (event.key === 'End') select(rows - 1);
    else return;
    event.preventDefault();
  };

  return (
    <figure className="ladder">
      <div className="ladder-heads" aria-hidden="true" style={{ width: columns.width }}>
        <span style={{ left: columns.leftX }}>{endpointLabel(ladder.left)}</span>
        <span style={{ left: columns.rightX }}>{endpointLabel(ladder.right)}</span>
      </div>
      <div
        ref={scroller}
        className="ladder-scroll"
        style={{ height: Math.min(height, diagramHeight(rows) + 8) }}
        tabIndex={0}
        role="group"
        aria-label={`Ladder diagram: ${endpointLabel(ladder.left)} on the left, ${endpointLabel(ladder.right)} on the right, ${rows} segments. Use the arrow keys to step through the segments.`}
        aria-describedby="ladder-selection"
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
      >
        <svg width={columns.width} height={diagramHeight(rows)} className="ladder-svg" aria-hidden="true">
          <defs>
            {(['right', 'left', 'bad', 'late'] as const).map((tone) => (
              <marker key={tone} id={`head-${tone}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M0,0 L10,5 L0,10 z" className={`head head-${tone}`} />
              </marker>
            ))}
          </defs>
          <line x1={columns.leftX} x2={columns.leftX} y1={0} y2={diagramHeight(rows)} className="column-line" />
          <line x1={columns.rightX} x2={columns.rightX} y1={0} y2={diagramHeight(rows)} className="column-line" />
          {arrows.map((arrow) => (
            <ArrowRow
              key={arrow.row}
              arrow={arrow}
              columns={columns}
              t0={t0}
              highlighted={highlighted.frames.has(arrow.index)}
              selected={selected === arrow.row}
              onSelect={() => select(arrow.row)}
            />
          ))}
          {marks.map((mark) => (
            <StateMark
              key={`${mark.side}-${mark.gap}-${mark.stack}`}
              mark={mark}
              columns={columns}
              t0={t0}
              highlighted={highlighted.marks.has(mark)}
            />
          ))}
        </svg>
      </div>
      <figcaption id="ladder-selection" aria-live="polite" className="ladder-selection">
        {selectedArrow
          ? describeArrow(selectedArrow, ladder, endpointLabel, t0, rows)
          : rows === 0
            ? 'No segment on this connection yet.'
            : 'Select a segment (click it, or focus the diagram and use ↑/↓) to read its details here.'}
      </figcaption>
    </figure>
  );
}

function ArrowRow({
  arrow,
  columns,
  t0,
  highlighted,
  selected,
  onSelect,
}: {
  arrow: LadderArrow;
  columns: Columns;
  t0: number;
  highlighted: boolean;
  selected: boolean;
  onSelect(): void;
}) {
  const y0 = arrowStartY(arrow.row);
  const fromX = arrow.from === 'left' ? columns.leftX : columns.rightX;
  const toX = arrow.from === 'left' ? columns.rightX : columns.leftX;
  const dropped = arrow.impairment === 'dropped';
  const endX = dropped ? fromX + (toX - fromX) * 0.62 : toX;
  const endY = dropped ? y0 + ARROW_DROP * 0.62 : y0 + ARROW_DROP;
  const tone = dropped ? 'bad' : arrow.impairment ? 'late' : arrow.from;
  const midX = (columns.leftX + columns.rightX) / 2;
  const rowTop = y0 - (36 - ARROW_DROP) / 2;
  return (
    <g className={`arrow arrow-${tone}${selected ? ' is-selected' : ''}${highlighted ? ' is-highlighted' : ''}`} onClick={onSelect}>
      <rect x={0} y={rowTop} width={columns.width} height={36} className="row-hit" />
      <text x={columns.timeX} y={y0 + ARROW_DROP / 2 + 4} className="time" textAnchor="end">
        {formatOffset(arrow.timeMs - t0)}
      </text>
      <line
        x1={fromX}
        y1={y0}
        x2={endX}
        y2={endY}
        className="arrow-line"
        markerEnd={dropped ? undefined : `url(#head-${tone})`}
      />
      {dropped && (
        <path d={`M${endX - 5},${endY - 5} l10,10 M${endX + 5},${endY - 5} l-10,10`} className="drop-cross" />
      )}
      <text x={midX} y={y0 + ARROW_DROP / 2 - 5} textAnchor="middle" className="arrow-label">
        <tspan className="flags">{arrow.label}</tspan>
        <tspan>{` ${arrow.detail}`}</tspan>
        {arrow.impairment && <tspan className="impairment">{` (${arrow.impairment})`}</tspan>}
      </text>
    </g>
  );
}

function StateMark({ mark, columns, t0, highlighted }: { mark: LadderStateMark; columns: Columns; t0: number; highlighted: boolean }) {
  const y = markY(mark);
  const width = Math.min(columns.laneWidth - 14, 8 + mark.state.length * 7.4);
  const x = mark.side === 'left' ? columns.leftX - 8 - width : columns.rightX + 8;
  return (
    <g className={`state-mark tone-${stateTone(mark.state)}${highlighted ? ' is-highlighted' : ''}`}>
      <title>{`${mark.state} at ${formatOffset(mark.timeMs - t0)} (${mark.source}${mark.cause ? `: ${mark.cause}` : ''})`}</title>
      <rect x={x} y={y - MARK_HEIGHT / 2} width={width} height={MARK_HEIGHT} rx={4} />
      <text x={x + width / 2} y={y + 4} textAnchor="middle">
        {mark.state}
      </text>
      <text
        x={mark.side === 'left' ? x - 4 : x + width + 4}
        y={y + 4}
        textAnchor={mark.side === 'left' ? 'end' : 'start'}
        className="mark-time"
      >
        {formatOffset(mark.timeMs - t0)}
      </text>
    </g>
  );
}

/** The mark of a socket entering a state (the first, if it entered it more than once). */
function markOf(ladder: Ladder, target: { endpoint: string; state: string }): LadderStateMark | null {
  const side = target.endpoint === ladder.left ? 'left' : target.endpoint === ladder.right ? 'right' : null;
  return ladder.marks.find((m) => m.side === side && m.state === target.state) ?? null;
}
