import { HALF_CLOSE_CONN, halfCloseTrace } from '../testing/trace-fixture';
import { endpointLabeller, locateEvidence } from './picture-lookup';
import { picturesFromTrace } from './trace-picture';

const [picture] = picturesFromTrace({ scenarios: { a: halfCloseTrace } });

describe('endpointLabeller', () => {
  it('names the learner’s program and the lab’s peers', () => {
    const label = endpointLabeller(picture);
    expect(label('10.9.0.2:5000')).toBe('server 10.9.0.2:5000 (your program)');
    expect(label('10.9.0.3:40001')).toBe('client 10.9.0.3:40001 (lab peer)');
    expect(label('10.1.1.1:9')).toBe('10.1.1.1:9');
    expect(endpointLabeller({ hosts: { '10.0.0.1': { name: null, role: 'learner' } } })('10.0.0.1:80')).toBe(
      '10.0.0.1:80 (your program)',
    );
  });
});

describe('locateEvidence', () => {
  it('finds the connection of the first segment or state named, with everything named on it', () => {
    expect(
      locateEvidence(picture, [
        { kind: 'step', path: 'steps[1]' },
        { kind: 'packet', index: 7, t: 8e6 },
        { kind: 'state', connectionId: HALF_CLOSE_CONN, endpoint: '10.9.0.2:5000', state: 'CLOSE_WAIT', t: 5e6 },
        { kind: 'packet', index: 5, t: 5e6 },
      ]),
    ).toEqual({
      connectionId: HALF_CLOSE_CONN,
      frames: [7, 5],
      states: [{ endpoint: '10.9.0.2:5000', state: 'CLOSE_WAIT' }],
    });
  });

  it('finds nothing for frames or connections the scenario does not have', () => {
    expect(locateEvidence(picture, [{ kind: 'packet', index: 99, t: 0 }])).toBeNull();
    expect(locateEvidence(picture, [{ kind: 'state', connectionId: 'x', endpoint: 'y', state: 'CLOSED', t: 0 }])).toBeNull();
    expect(locateEvidence(picture, [{ kind: 'process', host: 'server', pid: 3 }])).toBeNull();
  });
});
