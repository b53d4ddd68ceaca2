/**
 * bin/code-cache.cjs: modules compiled from V8's cache behave exactly as compiled by Node's
 * own loader, and the cache never serves stale or broken code.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const CODE_CACHE = path.resolve(__dirname, '../bin/code-cache.cjs');
/** Scratch files live in the checkout (tmp/ is ignored): only the repository's files are cached. */
const SCRATCH = path.resolve(__dirname, '../../../tmp');

/** A module that uses everything a CommonJS module gets from its wrapper. */
const PROBE = `
const { helper } = require('./helper.js');
const { loadOs } = require('./dynamic.js');
const where = require.resolve('./helper.js');
exports.report = async () => JSON.stringify({
  helper: helper(),
  resolved: where === __dirname + '/helper.js',
  paths: Array.isArray(require.resolve.paths('x')),
  main: require.main === module,
  cached: Object.keys(require.cache).includes(where),
  file: __filename.endsWith('probe.js'),
  thisIsExports: this === exports,
  dynamicImport: typeof (await loadOs()).cpus,
  stackLine: new Error('here').stack.split('\\n')[1].replace(/^.*probe\\.js:/, '').replace(/\\)$/, ''),
});
if (require.main === module) exports.report().then((r) => console.log(r));
`;

describe('bin/code-cache.cjs', () => {
  let dir: string;
  let cacheDir: string;
  beforeEach(() => {
    mkdirSync(SCRATCH, { recursive: true });
    dir = mkdtempSync(path.join(SCRATCH, 'cli-code-cache-'));
    cacheDir = path.join(dir, 'cache');
    writeFileSync(path.join(dir, 'probe.js'), PROBE);
    writeFileSync(path.join(dir, 'helper.js'), `exports.helper = () => 'v1';\n`);
    writeFileSync(path.join(dir, 'dynamic.js'), `exports.loadOs = () => import('node:os');\n`);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function run(env: Record<string, string> = {}): string {
    const result = spawnSync(process.execPath, ['-r', CODE_CACHE, path.join(dir, 'probe.js')], {
      encoding: 'utf8',
      env: { ...process.env, SOCKLAB_CODE_CACHE_DIR: cacheDir, ...env },
    });
    if (result.status !== 0) throw new Error(`probe failed: ${result.stderr}`);
    return result.stdout.trim();
  }

  it('writes entries on the first run and gives the same module behaviour from them as Node itself', () => {
    const uncached = JSON.parse(run({ SOCKLAB_NO_CODE_CACHE: '1' }));
    expect(uncached).toEqual({
      helper: 'v1',
      resolved: true,
      paths: true,
      main: true,
      cached: true,
      file: true,
      thisIsExports: true,
      dynamicImport: 'function',
      stackLine: expect.stringMatching(/^14:\d+$/),
    });
    expect(() => readdirSync(cacheDir)).toThrow();
    expect(JSON.parse(run())).toEqual(uncached);
    // probe.js and helper.js: dynamic.js uses import(), which is left to Node.
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.bin'))).toHaveLength(2);
    expect(JSON.parse(run())).toEqual(uncached);
  });

  it('never serves the code of a file as it was before an edit', () => {
    run();
    writeFileSync(path.join(dir, 'helper.js'), `exports.helper = () => 'v2';\n`);
    expect(JSON.parse(run()).helper).toBe('v2');
  });

  it('compiles afresh from entries it cannot use, and replaces them', () => {
    run();
    const entries = readdirSync(cacheDir).filter((f) => f.endsWith('.bin'));
    for (const entry of entries) writeFileSync(path.join(cacheDir, entry), 'not a code cache');
    expect(JSON.parse(run()).helper).toBe('v1');
    expect(JSON.parse(run()).helper).toBe('v1');
  });
});
