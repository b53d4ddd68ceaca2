import { ExerciseSpecError } from '../errors';
import { definePlaygroundPresets } from './playground-preset';
import { playgroundPresets } from './presets';

describe('playground presets', () => {
  it('cover the behaviours the playground promises, each with a learner role and steps', () => {
    expect(playgroundPresets.map((preset) => preset.id)).toEqual([
      'echo-server',
      'half-closing-client',
      'close-with-unread-data',
      'simultaneous-close',
      'three-way-close',
      'silent-death',
      'reboot',
      'self-connection',
    ]);
    for (const preset of playgroundPresets) {
      expect(preset.steps.length).toBeGreaterThan(0);
      expect(['server', 'client']).toContain(preset.learner.role);
    }
  });

  it('are parsed into the same step language as exercises', () => {
    const crossing = playgroundPresets.find((preset) => preset.id === 'simultaneous-close');
    expect(crossing?.impairments[0]).toMatchObject({
      id: 'slow-links',
      effect: { kind: 'delay', ms: 100, jitter: 0 },
    });
    expect(crossing?.steps[1]).toMatchObject({
      when: { kind: 'state', host: 'you', role: 'accepted', reach: 'FIN_WAIT_1' },
      action: { kind: 'close', conn: 'c' },
    });
    const threeWay = playgroundPresets.find((preset) => preset.id === 'three-way-close');
    expect(threeWay?.peers[0].tcp.delayedAck).toBe(200);
  });

  it('close differently by the peer’s ACK delay: at once for echo-server’s four-way close, 200 ms to merge FIN+ACK', () => {
    const delayOf = (id: string) =>
      playgroundPresets.find((preset) => preset.id === id)?.peers[0].tcp.delayedAck;
    expect(delayOf('echo-server')).toBe(0);
    expect(delayOf('three-way-close')).toBe(200);
  });

  it('a broken preset is rejected with paths into the registry', () => {
    const broken = () =>
      definePlaygroundPresets([
        {
          id: 'broken',
          title: 'Broken',
          description: 'refers to a peer that does not exist',
          learner: { name: 'you', role: 'client' },
          peers: [{ name: 'server' }],
          steps: [{ listen: { peer: 'sever' } }],
        },
      ]);
    expect(broken).toThrow(ExerciseSpecError);
    expect(broken).toThrow(
      '[0].steps[0].listen.peer: unknown host "sever" among the peers — did you mean server?',
    );
  });
});
