import { Pool } from 'pg';
import { DependencyProbe, withTimeout } from './dependency-probe';

/** Ready when PostgreSQL answers `SELECT 1` on a pooled connection. */
export class PostgresProbe implements DependencyProbe {
  readonly name = 'postgres';
  private readonly pool: Pool;

  constructor(databaseUrl: string) {
    this.pool = new Pool({ connectionString: databaseUrl, max: 1, connectionTimeoutMillis: 2000 });
    // An idle client that loses its connection must not crash the process.
    this.pool.on('error', () => undefined);
  }

  async check(): Promise<void> {
    await withTimeout(this.pool.query('SELECT 1'), 2000, 'PostgreSQL');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
