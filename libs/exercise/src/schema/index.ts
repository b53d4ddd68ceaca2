// Browser-safe entry: the exercise spec schema, parser and presets. No node: imports here
// or below (the portal bundles this file); file-system loading lives in ../load.
export { API_VERSION, exerciseSpecSchema, scenarioSchema, faultySolutionExpectationSchema } from './exercise';
export type { ExerciseSpec, ExerciseSpecInput, Scenario, FaultySolutionExpectation } from './exercise';
export { checkSchema } from './checks';
export type { Check, Assertion, PathElement } from './checks';
export { stepSchema, DEFAULT_STEP_TIMEOUT } from './steps';
export type { Step, StepAction, LeafAction } from './steps';
export type { Trigger, TimelineEvent, PacketPattern, SocketSelector } from './observations';
export type { Impairment } from './impairments';
export type { Hosts, LearnerHost, Peer, Readiness } from './hosts';
export { DEFAULT_TOOLCHAINS, LIMIT_DEFAULTS, LIMIT_MAXIMA } from './toolchain';
export type { Toolchain, Limits } from './toolchain';
export type { PortRef } from './builders';
export { parsePacketLine, formatPacketLine } from './packet-line';
export type { PacketLine, PacketFlags, PacketOption, PacketLineError, PacketLineResult } from './packet-line';
export { parseExerciseSpec, validateExerciseSpec } from './parse';
export { exerciseJsonSchema, EXERCISE_SCHEMA_ID } from './json-schema';
export { ExerciseSpecError, formatSpecError, formatPath, specError, unwrapSpecResult } from './errors';
export type { SpecError, SpecErrorCode, SpecResult } from './errors';
export { closestMatch, levenshtein } from './suggest';
export * from './vocabulary';
export { patternBytes } from './byte-patterns';
export { findPlaygroundPreset, playgroundPresets } from './playground/presets';
export { presetExercise, PLAYGROUND_WALL_MS } from './playground/preset-exercise';
export { playgroundStarter, type PlaygroundRole } from './playground/starters';
export { playgroundPresetSchema, validatePlaygroundPreset } from './playground/playground-preset';
export type { PlaygroundPreset, PlaygroundPresetInput } from './playground/playground-preset';
