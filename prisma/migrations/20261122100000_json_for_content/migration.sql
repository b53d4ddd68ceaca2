-- jsonb cannot hold the character U+0000 ("\u0000" in JSON text), which specs of binary
-- protocols (length prefixes), learners' files and grader reports quoting received bytes
-- do contain. json keeps the text as written and accepts it. These columns are stored
-- and read whole, never queried by content, so nothing is lost.
-- (A column type change rewrites the table without firing the row triggers that keep
-- ExerciseVersion immutable.)

-- AlterTable
ALTER TABLE "ExerciseVersion" ALTER COLUMN "spec" SET DATA TYPE JSON USING "spec"::json;
ALTER TABLE "ExerciseVersion" ALTER COLUMN "starterFiles" SET DATA TYPE JSON USING "starterFiles"::json;
ALTER TABLE "Submission" ALTER COLUMN "files" SET DATA TYPE JSON USING "files"::json;
ALTER TABLE "Run" ALTER COLUMN "report" SET DATA TYPE JSON USING "report"::json;
