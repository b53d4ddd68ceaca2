import { playgroundPresets, type PlaygroundPreset } from '@socklab/exercise';

/** A playground preset as members see it (GET /api/v1/playground/presets). */
export interface PlaygroundPresetView {
  id: string;
  title: string;
  /** What the peer does and what to look for in the trace. */
  description: string;
  /** What the learner's program is: a client connecting to the peer, or a server the peer connects to. */
  role: 'client' | 'server';
  /**
   * The arguments the program is started with, after the language's run command:
   * `{host}` is the peer's address, `{port}` the service port (e.g. ["{host}", "{port}"]).
   */
  args: string[];
}

export function toPresetView(preset: PlaygroundPreset): PlaygroundPresetView {
  return {
    id: preset.id,
    title: preset.title,
    description: preset.description,
    role: preset.learner.role,
    args: [...preset.learner.args],
  };
}

export function listPresetViews(): PlaygroundPresetView[] {
  return playgroundPresets.map(toPresetView);
}
