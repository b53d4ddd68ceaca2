import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TOOLCHAINS } from '@socklab/exercise';
import { MAX_SOURCE_BYTES, readSubmissionFiles } from './submission-files';

describe('readSubmissionFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-files-'));
  const file = (name: string, content: string) => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  };

  it('submits a single file under the name the language expects', async () => {
    const files = await readSubmissionFiles([file('my_server.c', 'int main(){}')], DEFAULT_TOOLCHAINS.c);
    expect(files).toEqual([{ name: 'main.c', content: 'int main(){}' }]);
  });

  it('keeps the names of several files and names the ones the exercise still needs', async () => {
    const toolchain = { files: ['main.c', 'util.c'], build: [], run: ['./prog'] };
    await expect(readSubmissionFiles([file('main.c', ''), file('other.c', '')], toolchain)).rejects.toThrow(
      /expects the files main\.c, util\.c; missing: util\.c/,
    );
    const files = await readSubmissionFiles([file('main.c', 'a'), file('util.c', 'b')], toolchain);
    expect(files.map((f) => f.name)).toEqual(['main.c', 'util.c']);
  });

  it('refuses directories and oversized files before anything runs', async () => {
    await expect(readSubmissionFiles([dir], DEFAULT_TOOLCHAINS.c)).rejects.toThrow(/is not a file/);
    const big = file('big.c', 'x'.repeat(MAX_SOURCE_BYTES + 1));
    await expect(readSubmissionFiles([big], DEFAULT_TOOLCHAINS.c)).rejects.toThrow(/limited to/);
  });
});
