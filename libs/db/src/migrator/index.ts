export { migrate, status, MIGRATION_LOCK_KEY, type MigrateOptions, type MigrationStatus } from './migrator';
export { readMigrations, checksumOf, type MigrationFile } from './migration-files';
