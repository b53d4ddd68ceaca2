export { createPrismaClient, PrismaClient, type Db, type Tx } from './client';
export { DbError, isDbError, type DbErrorCode } from './errors';
export type { TenantScope } from './tenant-scope';
export { contentHash, canonicalJson } from './content-hash';
export { migrate, status, readMigrations, checksumOf, MIGRATION_LOCK_KEY, type MigrateOptions, type MigrationStatus, type MigrationFile } from './migrator';
export { TenantRepo } from './repos/tenant-repo';
export { UserRepo } from './repos/user-repo';
export { ExerciseRepo, versionContentHash, type BuiltinExercise, type StarterFileSet, type StoredSolutions, type VersionContent } from './repos/exercise-repo';
export { SelfTestRepo } from './repos/self-test-repo';
export { CourseRepo, type EnrollmentWithUser } from './repos/course-repo';
export { SubmissionRepo } from './repos/submission-repo';
export { countsAsAttempt } from './repos/assignment-attempts';
export { RunRepo, type CreateRunInput, type CreateRunOptions, type CreatedRun, type NewSubmission, type RegradeOutcome, type RegradeSkip, type SubmissionTarget } from './repos/run-repo';
export { OutboxRelay, type RelayOptions } from './repos/outbox-relay';
export { ArtifactRepo, type NewArtifact } from './repos/artifact-repo';
export { ApiTokenRepo, API_TOKEN_PREFIX, hashApiToken } from './repos/api-token-repo';
export { AuditRepo, type AuditRecord } from './repos/audit-repo';
export { createTestDatabase, type TestDatabase } from './testing/test-database';
export { deleteKeysMatching } from './testing/redis-keys';
export type {
  Tenant, User, Membership, MembershipRole, Exercise, ExerciseVersion, Course, Enrollment, Assignment,
  Submission, Run, Artifact, ArtifactKind, ApiToken, AuditEntry, OutboxMessage, Language, SelfTest, SelfTestStatus,
} from './generated/prisma/client';
export * from './artifact-store';
export * from './run-events';
/** A run event's seq ↔ its Redis stream id (`0-<seq + 1>`), for tools and tests that read a stream raw. */
export { seqOfStreamId, streamIdOfSeq } from './run-events/keys';
