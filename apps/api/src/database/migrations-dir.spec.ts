import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveMigrationsDir } from './migrations-dir';

describe('resolveMigrationsDir', () => {
  it('finds prisma/migrations above the starting folder', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'socklab-mig-'));
    mkdirSync(path.join(root, 'prisma', 'migrations'), { recursive: true });
    const deep = path.join(root, 'dist', 'apps', 'api');
    mkdirSync(deep, { recursive: true });
    expect(resolveMigrationsDir(undefined, [deep])).toBe(path.join(root, 'prisma', 'migrations'));
  });

  it('prefers the configured folder and names the variable when nothing is found', () => {
    expect(resolveMigrationsDir('/srv/migrations')).toBe('/srv/migrations');
    expect(() =>
      resolveMigrationsDir(undefined, [mkdtempSync(path.join(tmpdir(), 'socklab-none-'))]),
    ).toThrow(/SOCKLAB_MIGRATIONS_DIR/);
  });

  it('finds this workspace’s migrations from the source tree', () => {
    expect(resolveMigrationsDir(undefined, [__dirname])).toBe(
      path.resolve(__dirname, '../../../../prisma/migrations'),
    );
  });
});
