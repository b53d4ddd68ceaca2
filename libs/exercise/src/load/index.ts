// Node-only entry: reads exercise folders from disk.
export { loadExerciseFolder } from './load-exercise-folder';
export type { LoadedExercise, FaultySolution, SourceTree } from './load-exercise-folder';
