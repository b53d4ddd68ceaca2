/**
 * @jest-environment jsdom
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { LadderDiagram, type LadderHighlight } from './LadderDiagram';
import type { Ladder } from './ladder-model';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A bulk transfer's ladder: `rows` alternating data and ACK segments, a close at the end. */
function bulkLadder(rows: number): Ladder {
  return {
    connectionId: 'c',
    left: '10.0.0.3:40000',
    right: '10.0.0.2:5000',
    arrows: Array.from({ length: rows }, (_, row) => ({
      row,
      from: row % 2 === 0 ? 'left' : 'right',
      label: row % 2 === 0 ? 'PSH+ACK' : 'ACK',
      detail: `seq=${row} ack=1 len=1`,
      seq: row,
      ack: 1,
      len: 1,
      window: 64240,
      index: row + 10,
      timeMs: row * 0.1,
    })),
    marks: [
      { side: 'right', gap: rows, stack: 0, state: 'CLOSE_WAIT', timeMs: rows * 0.1, source: 'kernel' },
    ],
  };
}

const label = (endpoint: string) => (endpoint.endsWith(':5000') ? 'server' : 'client');

describe('<LadderDiagram>', () => {
  let host: HTMLDivElement;
  let root: Root;

  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });

  afterEach(() => {
    act(() => root.unmount());
    host.remove();
  });

  const render = (ladder: Ladder, highlight: LadderHighlight | null = null) =>
    act(() => root.render(<LadderDiagram ladder={ladder} endpointLabel={label} highlight={highlight} height={500} />));

  it('keeps only the rows near the view in the page, out of 2,000', () => {
    render(bulkLadder(2000));
    const arrows = host.querySelectorAll('.arrow');
    expect(arrows.length).toBeGreaterThan(5);
    expect(arrows.length).toBeLessThan(40);
    expect(host.querySelector('.arrow-label')?.textContent).toBe('PSH+ACK seq=0 ack=1 len=1');
    expect(host.querySelector('[role="group"]')?.getAttribute('aria-label')).toContain('2000 segments');
  });

  it('steps through segments with the keyboard and reads the selected one out', () => {
    render(bulkLadder(2000));
    const group = host.querySelector<HTMLElement>('[role="group"]');
    const press = (key: string) => act(() => group?.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true })));
    press('ArrowDown');
    expect(host.querySelector('#ladder-selection')?.textContent).toMatch(/^Segment 1 of 2000, frame 10, at 0\.000 ms: client → server PSH\+ACK/);
    press('End');
    expect(host.querySelector('#ladder-selection')?.textContent).toMatch(/^Segment 2000 of 2000, frame 2009.*Then server entered CLOSE_WAIT\.$/);
    // The last rows are now the ones in the page.
    expect(host.querySelector('.arrow.is-selected .arrow-label')?.textContent).toBe('ACK seq=1999 ack=1 len=1');
    expect(host.querySelectorAll('.arrow').length).toBeLessThan(40);
  });

  it('scrolls to highlighted evidence and marks it', () => {
    render(bulkLadder(2000), { frames: [1510, 1512], states: [{ endpoint: '10.0.0.2:5000', state: 'CLOSE_WAIT' }] });
    const highlighted = [...host.querySelectorAll('.arrow.is-highlighted .arrow-label')].map((e) => e.textContent);
    expect(highlighted).toEqual(['PSH+ACK seq=1500 ack=1 len=1', 'PSH+ACK seq=1502 ack=1 len=1']);
    expect(host.querySelector('#ladder-selection')?.textContent).toMatch(/^Segment 1501 of 2000/);
  });
});
