import { halfCloseTrace } from '../testing/trace-fixture';
import { picturesFromTrace } from '../picture/trace-picture';
import { buildLadder } from './ladder-model';
import { describeArrow, stateTone } from './ladder-text';

describe('describeArrow', () => {
  it('says who sent what, when, and which states it led to', () => {
    const [picture] = picturesFromTrace({ scenarios: { a: halfCloseTrace } });
    const ladder = buildLadder(picture.connections[0], picture.segments, picture.states);
    const label = (e: string) => (e.endsWith(':5000') ? 'server' : 'client');
    expect(describeArrow(ladder.arrows[5], ladder, label, ladder.arrows[0].timeMs, 10)).toBe(
      'Segment 6 of 10, frame 5, at 3.95 ms: client → server FIN+ACK seq=7 ack=7 len=0 win=64240. Then server entered CLOSE_WAIT; client entered FIN_WAIT_2.',
    );
    expect(describeArrow(ladder.arrows[7], ladder, label, 0, 10)).toContain('dropped by the lab network');
  });

  it('groups states into colour families', () => {
    expect(['SYN_SENT', 'ESTABLISHED', 'CLOSE_WAIT', 'TIME_WAIT'].map(stateTone)).toEqual(['opening', 'open', 'closing', 'closed']);
  });
});
