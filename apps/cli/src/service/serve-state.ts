/**
 * What `socklab serve` keeps between starts, in <var>/serve/ (mode 0600 files):
 *   credentials.json   per database URL, the tenant, owner and API token made on the first
 *                      start against that database, so later starts sign in with the same
 *   session-secret     the API's session signing key, so sessions survive a restart
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isDbError, type PrismaClient } from '@socklab/db';
import { bootstrapTenant, type BootstrappedTenant } from './api-accounts';

export interface StoredCredentials extends BootstrappedTenant {
  /** The database the tenant lives in. */
  databaseUrl: string;
  createdAt: string;
}

export type CredentialsOutcome =
  | { kind: 'created' | 'reused'; credentials: StoredCredentials }
  /** The tenant exists but was made elsewhere: its owner's password is not known here. */
  | { kind: 'unknown'; tenantName: string };

export class ServeState {
  constructor(readonly dir: string) {}

  get credentialsFile(): string {
    return path.join(this.dir, 'credentials.json');
  }

  /** The stored session secret, created on first use. */
  async sessionSecret(): Promise<string> {
    const file = path.join(this.dir, 'session-secret');
    const stored = (await readFile(file, 'utf8').catch(() => '')).trim();
    if (stored.length >= 32) return stored;
    const secret = randomBytes(32).toString('base64url');
    await this.write(file, `${secret}\n`);
    return secret;
  }

  /**
   * The stored credentials of this database when their tenant still exists there;
   * otherwise a new tenant is bootstrapped and stored. A tenant of that name made by
   * something else (`socklab admin bootstrap`, another var folder) is left alone.
   */
  async credentials(
    prisma: PrismaClient,
    databaseUrl: string,
    tenant: { name: string; email: string },
  ): Promise<CredentialsOutcome> {
    const all = await this.readAll();
    const stored = all[databaseUrl];
    if (stored && (await prisma.tenant.findUnique({ where: { id: stored.tenant.id } })))
      return { kind: 'reused', credentials: stored };
    try {
      const made = await bootstrapTenant(prisma, { tenantName: tenant.name, email: tenant.email });
      const credentials: StoredCredentials = { ...made, databaseUrl, createdAt: new Date().toISOString() };
      await this.write(
        this.credentialsFile,
        `${JSON.stringify({ ...all, [databaseUrl]: credentials }, null, 2)}\n`,
      );
      return { kind: 'created', credentials };
    } catch (error) {
      if (isDbError(error, 'db/conflict')) return { kind: 'unknown', tenantName: tenant.name };
      throw error;
    }
  }

  private async readAll(): Promise<Record<string, StoredCredentials>> {
    try {
      return JSON.parse(await readFile(this.credentialsFile, 'utf8')) as Record<string, StoredCredentials>;
    } catch {
      return {};
    }
  }

  private async write(file: string, text: string): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFile(file, text, { mode: 0o600 });
  }
}
