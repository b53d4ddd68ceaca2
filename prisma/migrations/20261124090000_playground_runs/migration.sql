-- Playground runs: a learner's program run against a built-in playground preset
-- (@socklab/exercise playgroundPresets) instead of an exercise version, with nothing to
-- grade. They are ordinary submissions and runs (queue, runners, live events, artifacts
-- and tenant scoping stay as they are); only what the submission ran against differs:
-- exactly one of "exerciseVersionId" and "playgroundPresetId" is set, and a playground
-- submission belongs to no assignment. Every query over exercise versions or assignments
-- (results, best scores, attempts, assignment progress, version regrades) therefore never
-- meets a playground run.
-- (The composite foreign key to ExerciseVersion is not checked for a row whose
-- "exerciseVersionId" is NULL: PostgreSQL's default MATCH SIMPLE.)

-- AlterTable
ALTER TABLE "Submission" ALTER COLUMN "exerciseVersionId" DROP NOT NULL;
ALTER TABLE "Submission" ADD COLUMN "playgroundPresetId" TEXT;

ALTER TABLE "Submission" ADD CONSTRAINT "Submission_exercise_xor_playground"
    CHECK (("exerciseVersionId" IS NULL) <> ("playgroundPresetId" IS NULL));
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_playground_not_assigned"
    CHECK ("playgroundPresetId" IS NULL OR "assignmentId" IS NULL);
