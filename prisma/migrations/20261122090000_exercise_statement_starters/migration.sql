-- Exercise versions keep what learners need besides the spec: the statement (Markdown)
-- and the starter files per language. Versions published before carry none.

-- AlterTable
ALTER TABLE "ExerciseVersion" ADD COLUMN "statement" TEXT NOT NULL DEFAULT '';
ALTER TABLE "ExerciseVersion" ADD COLUMN "starterFiles" JSONB NOT NULL DEFAULT '[]';
-- Every insert names its starter files (ExerciseRepo); the default only filled old rows.
ALTER TABLE "ExerciseVersion" ALTER COLUMN "starterFiles" DROP DEFAULT;
