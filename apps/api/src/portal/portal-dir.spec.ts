import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolvePortalDir } from './portal-dir';

describe('resolvePortalDir', () => {
  it('finds a built portal (dist/apps/portal/index.html) above the starting folder', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'socklab-portal-'));
    const build = path.join(root, 'dist', 'apps', 'portal');
    mkdirSync(build, { recursive: true });
    writeFileSync(path.join(build, 'index.html'), '<!doctype html>');
    const deep = path.join(root, 'apps', 'api', 'src');
    mkdirSync(deep, { recursive: true });
    expect(resolvePortalDir(undefined, [deep])).toBe(build);
  });

  it('ignores a dist folder without index.html, and prefers the configured folder', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'socklab-portal-'));
    mkdirSync(path.join(root, 'dist', 'apps', 'portal'), { recursive: true });
    expect(resolvePortalDir(undefined, [root])).toBeNull();
    expect(resolvePortalDir('/srv/portal', [root])).toBe('/srv/portal');
  });
});
