// @socklab/pack — the built-in exercise pack (libs/pack/exercises/<id>/) and how to find
// an exercise by built-in id or by folder path. Node only: it reads the filesystem.
export { PACK_DIR, packExerciseIds, loadPackExercise, resolveExercise, type ResolvedExercise } from './pack';
