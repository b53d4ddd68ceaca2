/** Where a command writes its artifacts: `--out DIR` (created if missing), else a fresh temporary folder. */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export function artifactsDir(out: string | undefined, label: string): string {
  if (out === undefined) return mkdtempSync(join(tmpdir(), `socklab-${label}-`));
  const dir = resolve(out);
  mkdirSync(dir, { recursive: true });
  return dir;
}
