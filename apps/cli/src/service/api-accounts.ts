/**
 * The API's own account functions, used by `socklab admin` and `socklab serve` so that what
 * the command line creates is exactly what the API creates and accepts: bootstrapTenant
 * (tenant + owner + full-scope API token in one transaction) and the argon2id password hash
 * the API's login verifies.
 *
 * The module-boundary rule forbids importing an application; the CLI's admin commands are
 * the API's command-line face (ARCHITECTURE.md: "apps/cli … admin bootstrap"), and copying
 * the hashing parameters would let the two drift apart. This file is the one documented
 * exception: nothing else in apps/cli reaches into apps/api.
 */
// eslint-disable-next-line @nx/enforce-module-boundaries -- see the comment above
export { bootstrapTenant, type BootstrappedTenant } from '../../../api/src/bootstrap';
// eslint-disable-next-line @nx/enforce-module-boundaries -- see the comment above
export { generatePassword, hashPassword } from '../../../api/src/auth/passwords';
