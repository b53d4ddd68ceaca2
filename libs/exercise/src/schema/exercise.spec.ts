import { fixtureText } from '../__fixtures__/fixtures';
import { parseExerciseSpec, unwrapSpecResult } from './index';

describe('parseExerciseSpec accepts the built-in pack specs', () => {
  it('half-close-echo: defaults filled, steps and checks tagged by kind', () => {
    const spec = unwrapSpecResult(parseExerciseSpec(fixtureText('half-close-echo')));

    expect(spec.metadata.id).toBe('half-close-echo');
    expect(spec.languages.c).toEqual({
      files: ['main.c'],
      build: ['gcc', '-O2', '-Wall', '-o', 'prog', 'main.c'],
      run: ['./prog'],
    });
    expect(spec.languages.java).toBeUndefined();
    expect(spec.limits).toEqual({ wallMs: 20000, memoryMb: 256, processes: 32, outputBytes: 1048576 });
    expect(spec.hosts.learner[0].ready).toEqual({ kind: 'listen', port: '{port}' });
    expect(spec.hosts.peers[0].tcp).toEqual({ receiveBuffer: 262144, delayedAck: 0 });

    const [first, , third] = spec.scenarios[0].steps;
    expect(first.action).toEqual({ kind: 'connect', peer: 'client', to: 'server', port: '{port}', as: 'c1' });
    expect(first.timeout).toBe(5000);
    expect(third.action).toMatchObject({
      kind: 'send',
      bytes: 65536,
      pattern: 'alphabet',
      segmentation: 'auto',
    });
    expect(spec.scenarios[1].steps[3].action).toMatchObject({ kind: 'send', segmentation: [1, 1, 1, 1] });

    expect(spec.checks.map((check) => check.assert.kind)).toEqual([
      'stream',
      'stream',
      'stream',
      'packets',
      'statePath',
      'packets',
    ]);
    const path = spec.checks.find((check) => check.id === 'server-close-path')?.assert;
    expect(path).toMatchObject({
      kind: 'statePath',
      quantifier: 'every',
      path: [
        { kind: 'state', state: 'SYN_RECEIVED', optional: true },
        { kind: 'state', state: 'ESTABLISHED', optional: false },
        { kind: 'state', state: 'CLOSE_WAIT', optional: false },
        { kind: 'state', state: 'LAST_ACK', optional: false },
        { kind: 'state', state: 'CLOSED', optional: false },
      ],
    });
    expect(spec.checks[3].assert).toMatchObject({
      within: {
        from: { occurrence: 'first', on: { kind: 'packet', flags: 'F' } },
        to: { on: { kind: 'scenario', at: 'end' } },
      },
    });
    expect(spec.faultySolutions['never-closes'].mustFail).toEqual(['server-close-path']);
  });

  it('ping-client: manual start, three scenarios, process and timing checks', () => {
    const spec = unwrapSpecResult(parseExerciseSpec(fixtureText('ping-client')));

    expect(Object.keys(spec.languages)).toEqual(['c', 'cpp', 'python', 'java']);
    expect(spec.languages.java?.run).toEqual(['java', '-cp', '.', 'Main']);
    expect(spec.hosts.learner[0]).toMatchObject({
      start: 'manual',
      args: ['{host}', '{port}'],
      ready: { kind: 'started' },
    });
    expect(spec.scenarios.map((scenario) => scenario.id)).toEqual(['normal', 'refused', 'blackhole']);
    expect(spec.scenarios[1].steps[0].action).toEqual({ kind: 'refuse', peer: 'server' });
    expect(spec.checks.find((check) => check.id === 'timeout-timing')).toMatchObject({
      visibility: 'hidden',
      assert: {
        kind: 'timing',
        min: 3000,
        max: 4500,
        tolerance: 4,
        from: { on: { kind: 'process', host: 'client', started: true } },
        to: { on: { kind: 'process', printed: '^TIMEOUT$' } },
      },
    });
  });
});
