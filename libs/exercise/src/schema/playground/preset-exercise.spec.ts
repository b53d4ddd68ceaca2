import { DEFAULT_TOOLCHAINS, LIMIT_DEFAULTS } from '../toolchain';
import { presetExercise, PLAYGROUND_WALL_MS } from './preset-exercise';
import { findPlaygroundPreset, playgroundPresets } from './presets';

function presetNamed(id: string) {
  const found = findPlaygroundPreset(id);
  if (!found) throw new Error(`no preset ${id}`);
  return found;
}

describe('presetExercise', () => {
  it.each(playgroundPresets.map((preset) => [preset.id, preset] as const))(
    '%s: one scenario with the preset’s steps, impairments and hosts, and nothing to grade',
    (_id, preset) => {
      const spec = presetExercise(preset);
      expect(spec.metadata).toMatchObject({ id: `playground-${preset.id}`, title: preset.title, summary: preset.description });
      expect(spec.hosts).toEqual({ learner: [preset.learner], peers: preset.peers });
      expect(spec.scenarios).toEqual([
        { id: preset.id, title: preset.title, impairments: preset.impairments, steps: preset.steps, settle: 300 },
      ]);
      expect(spec.checks).toEqual([]);
      expect(spec.faultySolutions).toEqual({});
    },
  );

  it('offers every language with its default toolchain and gives the run a minute', () => {
    const spec = presetExercise(presetNamed('echo-server'));
    expect(spec.languages).toEqual(DEFAULT_TOOLCHAINS);
    expect(spec.limits).toEqual({ ...LIMIT_DEFAULTS, wallMs: PLAYGROUND_WALL_MS });
  });

  it('hands out copies: changing one exercise’s toolchain changes neither the defaults nor the next exercise', () => {
    presetExercise(presetNamed('reboot')).languages.c?.build.push('-g');
    expect(DEFAULT_TOOLCHAINS.c.build).not.toContain('-g');
    expect(presetExercise(presetNamed('reboot')).languages.c?.build).not.toContain('-g');
  });
});

describe('findPlaygroundPreset', () => {
  it('finds a preset by id and nothing for an unknown id', () => {
    expect(findPlaygroundPreset('silent-death')?.title).toBe('Peer dies silently');
    expect(findPlaygroundPreset('no-such-preset')).toBeUndefined();
  });
});
