/**
 * A playground preset as the lab runs it: a one-scenario exercise with no checks, so the
 * lab builds, runs and traces the program against the preset's peers and grades nothing
 * (score 0 of 0). The CLI (`socklab play`) and the runner (playground runs of the service)
 * both run presets through this one definition.
 */
import type { ExerciseSpec } from '../exercise';
import { API_VERSION } from '../exercise';
import { DEFAULT_TOOLCHAINS, LIMIT_DEFAULTS } from '../toolchain';
import type { PlaygroundPreset } from './playground-preset';

/** A playground run may watch a slow close (TIME_WAIT, retransmissions) for up to a minute. */
export const PLAYGROUND_WALL_MS = 60_000;

/**
 * Contract: the exercise's only scenario has the preset's id, impairments and steps; its
 * hosts are the preset's learner and peers; every language is offered with its default
 * toolchain; `checks` is empty. It is the schema's output form (like a stored exercise
 * version), not a document to parse again: the schema requires at least one check.
 */
export function presetExercise(preset: PlaygroundPreset): ExerciseSpec {
  return {
    apiVersion: API_VERSION,
    kind: 'Exercise',
    metadata: {
      id: `playground-${preset.id}`,
      title: preset.title,
      summary: preset.description,
      topics: ['playground'],
      difficulty: 'intro',
      sources: [],
    },
    languages: structuredClone(DEFAULT_TOOLCHAINS),
    limits: { ...LIMIT_DEFAULTS, wallMs: PLAYGROUND_WALL_MS },
    hosts: { learner: [preset.learner], peers: preset.peers },
    scenarios: [
      {
        id: preset.id,
        title: preset.title,
        impairments: preset.impairments,
        steps: preset.steps,
        settle: 300,
      },
    ],
    checks: [],
    faultySolutions: {},
  };
}
