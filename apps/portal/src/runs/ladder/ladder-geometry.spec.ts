import type { Ladder } from './ladder-model';
import { arrowStartY, columnsFor, diagramHeight, markY, ROW_HEIGHT, scrollTopFor, TOP_PADDING, visibleParts, visibleRows } from './ladder-geometry';

function ladderOf(rows: number): Ladder {
  return {
    connectionId: 'c',
    left: 'a:1',
    right: 'b:2',
    arrows: Array.from({ length: rows }, (_, row) => ({
      row,
      from: row % 2 === 0 ? 'left' : 'right',
      label: 'ACK',
      detail: '',
      seq: row,
      ack: row,
      len: 0,
      window: 1,
      index: row,
      timeMs: row,
    })),
    marks: [
      { side: 'left', gap: 0, stack: 0, state: 'SYN_SENT', timeMs: 0, source: 'kernel' },
      { side: 'right', gap: 1000, stack: 0, state: 'CLOSE_WAIT', timeMs: 0, source: 'kernel' },
      { side: 'right', gap: 1999, stack: 1, state: 'CLOSED', timeMs: 0, source: 'kernel' },
    ],
  };
}

describe('ladder geometry', () => {
  it('lays the columns out with room for state marks on both sides', () => {
    const wide = columnsFor(1000);
    expect(wide.leftX - wide.laneWidth).toBeGreaterThanOrEqual(76);
    expect(wide.rightX + wide.laneWidth).toBeLessThanOrEqual(1000);
    const narrow = columnsFor(300);
    expect(narrow.rightX - narrow.leftX).toBeGreaterThanOrEqual(240);
    expect(narrow.width).toBeGreaterThan(300);
  });

  it('places rows and marks at fixed heights', () => {
    expect(diagramHeight(2000)).toBe(2 * TOP_PADDING + 2000 * ROW_HEIGHT);
    expect(arrowStartY(1) - arrowStartY(0)).toBe(ROW_HEIGHT);
    expect(markY({ gap: 3, stack: 0 })).toBe(TOP_PADDING + 3 * ROW_HEIGHT);
    expect(markY({ gap: 3, stack: 1 })).toBeGreaterThan(markY({ gap: 3, stack: 0 }));
  });

  it('renders only the rows in view (plus overscan) out of 2,000', () => {
    const ladder = ladderOf(2000);
    const range = visibleRows(2000, 1000 * ROW_HEIGHT, 600, 8);
    expect(range.firstRow).toBe(1000 - 1 - 8);
    expect(range.endRow - range.firstRow).toBeLessThan(40);
    const parts = visibleParts(ladder, range);
    expect(parts.arrows[0].row).toBe(range.firstRow);
    expect(parts.marks.map((m) => m.state)).toEqual(['CLOSE_WAIT']);
    expect(visibleRows(2000, 0, 600, 0).firstRow).toBe(0);
    expect(visibleRows(10, 100_000, 600).endRow).toBe(10);
    expect(visibleParts(ladder, visibleRows(2000, diagramHeight(2000), 600)).marks.map((m) => m.state)).toEqual(['CLOSED']);
  });

  it('scrolls a row into the upper third of the view', () => {
    expect(scrollTopFor(0, 600)).toBe(0);
    expect(scrollTopFor(100, 600)).toBe(TOP_PADDING + 100 * ROW_HEIGHT - 200);
  });
});
