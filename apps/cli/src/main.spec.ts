import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from './main';
import { memoryOutput } from './output';

describe('socklab command', () => {
  it('prints usage and exits 2 without a command', async () => {
    const out = memoryOutput();
    expect(await runCli([], out)).toBe(2);
    expect(out.stdout.join('\n')).toMatch(/usage: socklab/);
  });

  it('names an unknown command and exits 2', async () => {
    const out = memoryOutput();
    expect(await runCli(['frobnicate'], out)).toBe(2);
    expect(out.stderr.join('\n')).toMatch(/unknown command "frobnicate"/);
  });

  describe('exercises validate', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'socklab-cli-'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('reports a folder without exercise.yaml with exit 2', async () => {
      const out = memoryOutput();
      expect(await runCli(['exercises', 'validate', '--no-run', dir], out)).toBe(2);
      expect(out.stderr.join('\n')).toMatch(/no exercise\.yaml/);
    });

    it('reports every spec problem with its line and path', async () => {
      await writeFile(
        path.join(dir, 'exercise.yaml'),
        'apiVersion: socklab.dev/v1\nkind: Exercise\nmetadata:\n  id: Bad_Id\n  title: x\n',
      );
      const out = memoryOutput();
      expect(await runCli(['exercises', 'validate', '--no-run', dir], out)).toBe(2);
      const text = out.stderr.join('\n');
      expect(text).toMatch(/problems?/);
      expect(text).toMatch(/exercise\.yaml/);
      expect(text).toMatch(/metadata/);
    });
  });
});
