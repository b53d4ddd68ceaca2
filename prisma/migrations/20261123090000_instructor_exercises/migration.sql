-- The instructor side of exercises: versions keep the folder's solutions (never shown to
-- learners), self-tests of a version run those solutions through the lab, and a run can
-- be a regrade of an earlier run of the same submission.
-- (Adding a nullable column rewrites no row, so the trigger that keeps ExerciseVersion
-- immutable does not fire; existing versions have no solutions.)

-- CreateEnum
CREATE TYPE "SelfTestStatus" AS ENUM ('queued', 'running', 'passed', 'failed', 'error');

-- AlterTable
ALTER TABLE "ExerciseVersion" ADD COLUMN "solutions" JSON;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN "regradeOfId" UUID;

-- CreateTable
CREATE TABLE "SelfTest" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenantId" UUID NOT NULL,
    "exerciseVersionId" UUID NOT NULL,
    "status" "SelfTestStatus" NOT NULL DEFAULT 'queued',
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "requestedById" UUID NOT NULL,
    "runnerId" TEXT,
    "queuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "results" JSON NOT NULL,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SelfTest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SelfTest_tenantId_exerciseVersionId_createdAt_idx" ON "SelfTest"("tenantId", "exerciseVersionId", "createdAt");

-- CreateIndex
CREATE INDEX "SelfTest_status_updatedAt_idx" ON "SelfTest"("status", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SelfTest_tenantId_id_key" ON "SelfTest"("tenantId", "id");

-- AddForeignKey
ALTER TABLE "SelfTest" ADD CONSTRAINT "SelfTest_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SelfTest" ADD CONSTRAINT "SelfTest_tenantId_exerciseVersionId_fkey" FOREIGN KEY ("tenantId", "exerciseVersionId") REFERENCES "ExerciseVersion"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "Run_tenantId_regradeOfId_idx" ON "Run"("tenantId", "regradeOfId");

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_tenantId_regradeOfId_fkey" FOREIGN KEY ("tenantId", "regradeOfId") REFERENCES "Run"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
