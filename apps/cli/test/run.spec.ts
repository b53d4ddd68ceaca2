/**
 * `socklab run` end to end: the built-in half-close-echo exercise, its reference and a
 * faulty solution, through the real lab (bubblewrap, TAP network, tracing) — and the
 * command's contract: exit codes, --json, artifacts, errors a user can act on.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACK_DIR } from '@socklab/pack';
import { runCli } from '../src/main';
import { memoryOutput } from '../src/output';

jest.setTimeout(120_000);

const exercise = join(PACK_DIR, 'half-close-echo');
const reference = join(exercise, 'solutions', 'reference', 'c', 'main.c');
const neverCloses = join(exercise, 'solutions', 'faulty', 'never-closes', 'c', 'main.c');

interface JsonReport {
  score: number;
  maxScore: number;
  gradable: boolean;
  build: { ok: boolean; output: string };
  scenarios: {
    id: string;
    checks: { id: string; status: string; points: number; maxPoints: number; message: string }[];
  }[];
  artifacts: { name: string; path: string }[];
}

async function runJson(args: string[]): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const out = memoryOutput();
  const code = await runCli(['run', ...args, '--json'], out);
  return { code, report: JSON.parse(out.stdout.join('\n')) as JsonReport, stderr: out.stderr.join('\n') };
}

describe('socklab run half-close-echo', () => {
  it('gives the reference solution full marks, with live progress and artifacts', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'cli-run-'));
    const { code, report, stderr } = await runJson(['half-close-echo', reference, '--out', outDir]);
    expect(code).toBe(0);
    expect(report).toMatchObject({ gradable: true, build: { ok: true } });
    expect(report.score).toBe(report.maxScore);
    expect(report.scenarios.length).toBeGreaterThanOrEqual(2);
    for (const check of report.scenarios.flatMap((s) => s.checks)) {
      expect(check).toMatchObject({ status: 'pass' });
      expect(check.points).toBe(check.maxPoints);
    }
    for (const name of ['report.json', 'trace.json', 'build.log'])
      expect(existsSync(join(outDir, name))).toBe(true);
    expect(report.artifacts.some((a) => a.name.endsWith('.pcapng'))).toBe(true);
    expect(stderr).toMatch(/── building[\s\S]*── running[\s\S]*CLOSE_WAIT[\s\S]*── done/);
    // The scenarios ran at once: each state line names its scenario.
    expect(stderr).toMatch(/s three-chunks +[\d.:]+ +\w+ → CLOSE_WAIT/);
    expect(stderr).toMatch(/s one-byte-segments +[\d.:]+ +\w+ → CLOSE_WAIT/);
  });

  it('runs the scenarios one after another with --sequential, with the same verdict', async () => {
    const { code, report, stderr } = await runJson(['half-close-echo', reference, '--sequential']);
    expect(code).toBe(0);
    expect(report.score).toBe(report.maxScore);
    const lastOfFirst = stderr.lastIndexOf(' three-chunks ');
    const firstOfSecond = stderr.indexOf(' one-byte-segments ');
    expect(firstOfSecond).toBeGreaterThan(lastOfFirst);
  });

  it('takes points from a server that never closes, and says why in the report', async () => {
    const { code, report } = await runJson(['half-close-echo', neverCloses]);
    expect(code).toBe(0);
    expect(report.gradable).toBe(true);
    expect(report.score).toBeLessThan(report.maxScore);
    const failed = report.scenarios.flatMap((s) => s.checks).filter((c) => c.status === 'fail');
    expect(failed.length).toBeGreaterThan(0);
    for (const check of failed) expect(check.message.length).toBeGreaterThan(20);
  });

  it('grades a compile error as a failed build: exit 0, score 0, the compiler output in the report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-run-'));
    const broken = join(dir, 'server.c');
    writeFileSync(broken, 'int main(void) { return missing_symbol; }\n');
    const { code, report } = await runJson(['half-close-echo', broken]);
    expect(code).toBe(0);
    expect(report).toMatchObject({ score: 0, gradable: true, build: { ok: false } });
    expect(report.build.output).toMatch(/missing_symbol/);
  });

  it('prints a readable report without --json', async () => {
    const out = memoryOutput();
    expect(await runCli(['run', 'half-close-echo', neverCloses, '--quiet'], out)).toBe(0);
    const text = out.stdout.join('\n');
    expect(text).toMatch(/^half-close-echo \(c\): score [\d.]+\/100/);
    expect(text).toMatch(/FAIL/);
    expect(text).toMatch(/Why: /);
  });
});

describe('socklab run half-close-echo --driver docker (Podman)', () => {
  it('gives the reference full marks and the never-closes server fewer, in containers', async () => {
    const good = await runJson(['half-close-echo', reference, '--driver', 'docker']);
    expect(good.code).toBe(0);
    expect(good.report.score).toBe(good.report.maxScore);
    const bad = await runJson(['half-close-echo', neverCloses, '--driver', 'docker']);
    expect(bad.code).toBe(0);
    expect(bad.report.gradable).toBe(true);
    expect(bad.report.score).toBeLessThan(bad.report.maxScore);
    const failedIds = (r: JsonReport) =>
      r.scenarios.flatMap((s) => s.checks.filter((c) => c.status !== 'pass').map((c) => c.id));
    const local = await runJson(['half-close-echo', neverCloses]);
    expect(new Set(failedIds(bad.report))).toEqual(new Set(failedIds(local.report)));
  });
});

describe('socklab run refuses bad input with exit 2 and a message', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown exercise', ['no-such-exercise', reference], /no built-in exercise "no-such-exercise"/],
    [
      'a missing source file',
      ['half-close-echo', '/nonexistent/main.c'],
      /cannot read \/nonexistent\/main\.c/,
    ],
    ['no source at all', ['half-close-echo'], /usage: socklab run/],
    ['an unknown option', ['half-close-echo', reference, '--colour'], /Unknown option '--colour'/],
    [
      'an unknown driver',
      ['half-close-echo', reference, '--driver', 'kvm'],
      /--driver kvm: choose local or docker/,
    ],
    ['an unknown language', ['half-close-echo', reference, '--lang', 'rust'], /--lang rust/],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const out = memoryOutput();
    expect(await runCli(['run', ...args], out)).toBe(2);
    expect(out.stderr.join('\n')).toMatch(message);
    expect(out.stdout.join('')).toBe('');
  });
});
