/**
 * Where the ladder's parts go on screen, and which of them are visible: the diagram is a
 * tall SVG inside a scrolling box, and only the rows in (or near) view are rendered, so a
 * connection with thousands of segments costs a few dozen DOM nodes.
 */
import type { Ladder, LadderArrow, LadderStateMark } from './ladder-model';

export const ROW_HEIGHT = 36;
export const TOP_PADDING = 22;
/** How far an arrow drops from its sender to its receiver (the time it travels). */
export const ARROW_DROP = 14;
export const MARK_HEIGHT = 18;
const TIME_GUTTER = 76;
const MIN_SPAN = 240;

export interface Columns {
  width: number;
  timeX: number;
  leftX: number;
  rightX: number;
  /** Width available for state marks on each side. */
  laneWidth: number;
}

export function columnsFor(width: number): Columns {
  const laneWidth = Math.max(120, Math.min(170, Math.round((width - TIME_GUTTER - MIN_SPAN) / 2)));
  const leftX = TIME_GUTTER + laneWidth;
  const rightX = Math.max(leftX + MIN_SPAN, width - laneWidth);
  return { width: Math.max(width, rightX + laneWidth), timeX: TIME_GUTTER - 8, leftX, rightX, laneWidth };
}

export const diagramHeight = (rows: number) => TOP_PADDING * 2 + rows * ROW_HEIGHT;

/** The y where a row's arrow leaves its sender. */
export const arrowStartY = (row: number) => TOP_PADDING + row * ROW_HEIGHT + (ROW_HEIGHT - ARROW_DROP) / 2;

/** The y of a mark's centre: on the boundary of its gap, stacked downwards. */
export const markY = (mark: Pick<LadderStateMark, 'gap' | 'stack'>) =>
  TOP_PADDING + mark.gap * ROW_HEIGHT + mark.stack * (MARK_HEIGHT + 2);

export interface VisibleRange {
  firstRow: number;
  /** Exclusive. */
  endRow: number;
}

/** Rows intersecting [scrollTop, scrollTop + viewport), widened by `overscan` rows each way. */
export function visibleRows(rowCount: number, scrollTop: number, viewport: number, overscan = 8): VisibleRange {
  const first = Math.floor((scrollTop - TOP_PADDING) / ROW_HEIGHT) - overscan;
  const end = Math.ceil((scrollTop + viewport - TOP_PADDING) / ROW_HEIGHT) + overscan;
  return { firstRow: clamp(first, 0, rowCount), endRow: clamp(end, 0, rowCount) };
}

export function visibleParts(ladder: Ladder, range: VisibleRange): { arrows: LadderArrow[]; marks: LadderStateMark[] } {
  return {
    arrows: ladder.arrows.slice(range.firstRow, range.endRow),
    // A mark in gap g sits on the top edge of row g: visible with rows g-1 and g.
    marks: ladder.marks.filter((m) => m.gap >= range.firstRow && m.gap <= range.endRow),
  };
}

/** scrollTop that brings a row to a third of the way down the viewport. */
export function scrollTopFor(row: number, viewport: number): number {
  return Math.max(0, TOP_PADDING + row * ROW_HEIGHT - viewport / 3);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
