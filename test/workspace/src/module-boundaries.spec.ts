/**
 * The architecture's dependency rules are enforced by lint, not by convention: these
 * tests lint probe files placed (virtually) inside real projects and expect the
 * module-boundary rule to refuse forbidden imports and to allow permitted ones.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const workspaceRoot = path.resolve(__dirname, '../../..');
const RULE = '@nx/enforce-module-boundaries';

interface LintMessage {
  ruleId: string | null;
  message: string;
}

/** Lints `source` as if it were a file of `projectDir`, in a real ESLint process (flat config is ESM). */
async function boundaryErrors(projectDir: string, source: string): Promise<string[]> {
  const filePath = path.join(workspaceRoot, projectDir, 'src', '__boundary_probe__.ts');
  const reportDir = mkdtempSync(path.join(tmpdir(), 'socklab-lint-'));
  const reportFile = path.join(reportDir, 'report.json');
  try {
    try {
      execFileSync(
        path.join(workspaceRoot, 'node_modules/.bin/eslint'),
        ['--stdin', '--stdin-filename', filePath, '--format', 'json', '--output-file', reportFile],
        {
          cwd: workspaceRoot,
          input: source,
          encoding: 'utf8',
          env: lintEnv,
          stdio: ['pipe', 'pipe', 'pipe'],
        },
      );
    } catch (error) {
      // ESLint exits 1 when it reports errors; the report file is written all the same.
      if (!existsSync(reportFile)) throw error;
    }
    const [result] = JSON.parse(readFileSync(reportFile, 'utf8')) as Array<{ messages: LintMessage[] }>;
    return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
}

const lintEnv = { ...process.env, NX_DAEMON: 'false' };

describe('module boundaries', () => {
  // The rule reads Nx's cached project graph and silently skips itself without one (as on a
  // fresh clone), so compute the graph first, exactly as `nx lint` does.
  beforeAll(() => {
    execFileSync(path.join(workspaceRoot, 'node_modules/.bin/nx'), ['show', 'projects'], {
      cwd: workspaceRoot,
      env: lintEnv,
      stdio: 'ignore',
    });
  }, 120_000);

  it.each([
    ['libs/netstack', "import { Injectable } from '@nestjs/common';"],
    ['libs/grader', "import { PrismaClient } from '@prisma/client';"],
    ['libs/trace', "import { Queue } from 'bullmq';"],
    ['libs/capture', "import Docker from 'dockerode';"],
    ['libs/exercise', "import { Controller } from '@nestjs/common';"],
  ])(
    'a domain library (%s) may not import a framework, database, queue or container package',
    async (dir, src) => {
      const errors = await boundaryErrors(dir, `${src}\nexport const probe = 1;\n`);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.join('\n')).toMatch(/is not allowed to import/);
    },
    60_000,
  );

  it('a domain library may not depend on the data or engine layers', async () => {
    const errors = await boundaryErrors(
      'libs/grader',
      "import * as db from '@socklab/db';\nexport const probe = db;\n",
    );
    expect(errors.join('\n')).toMatch(/can only depend on libs tagged with "type:domain"/);
  }, 60_000);

  it('a browser-safe library may not import node-only libraries', async () => {
    const errors = await boundaryErrors(
      'libs/contracts',
      "import * as netstack from '@socklab/netstack';\nexport const probe = netstack;\n",
    );
    expect(errors.length).toBeGreaterThan(0);
  }, 60_000);

  it('the portal (platform:browser) may import browser-safe libraries only', async () => {
    const refused = await boundaryErrors('apps/portal', "import * as db from '@socklab/db';\nexport const probe = db;\n");
    expect(refused.join('\n')).toMatch(/platform:universal/);
    const allowed = await boundaryErrors(
      'apps/portal',
      "import { LAB_PHASES } from '@socklab/contracts';\nimport { DEFAULT_TOOLCHAINS } from '@socklab/exercise/schema';\nexport const probe = [LAB_PHASES, DEFAULT_TOOLCHAINS];\n",
    );
    expect(allowed).toEqual([]);
  }, 60_000);

  it('permitted imports pass: a domain library may use another domain library', async () => {
    const errors = await boundaryErrors(
      'libs/trace',
      "import { formatIpv4 } from '@socklab/netstack';\nexport const probe = formatIpv4(1);\n",
    );
    expect(errors).toEqual([]);
  }, 60_000);
});
