/**
 * A V8 code cache for the `socklab` command's CommonJS modules (ours, transpiled by
 * register-ts.cjs, and node_modules'): compiling them is ~150 ms of every start, and V8
 * takes its own serialized code back several times faster. Node 22 has this built in
 * (module.enableCompileCache); Node 20, which this project runs on, does not.
 *
 * Contract:
 * - only files inside this repository are cached, keyed by a SHA-1 of the exact source
 *   V8 compiles (so an edited or reinstalled file simply misses); entries live in
 *   node_modules/.cache/socklab-v8 (SOCKLAB_CODE_CACHE_DIR elsewhere; SOCKLAB_NO_CODE_CACHE=1
 *   turns the cache off);
 * - a module that misses is compiled as usual and its cache entry written when the process
 *   exits (then it includes the functions that ran, not only the top level); a rejected
 *   entry (another V8) is rewritten the same way;
 * - a module behaves as under Node's own loader: the same wrapper and `require` (with resolve,
 *   resolve.paths, main, cache, extensions); a module whose source says `import(` is left to
 *   Node (vm.Script's way to dynamic import() is experimental on Node 20 and warns);
 * - a cache that cannot be read or written costs nothing but the speed-up.
 */
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const REPO_ROOT = path.resolve(__dirname, '../../..');
const CACHE_DIR =
  process.env.SOCKLAB_CODE_CACHE_DIR || path.join(REPO_ROOT, 'node_modules', '.cache', 'socklab-v8');
/** Bump when what goes into an entry changes. */
const FORMAT = `1-${process.version}-${process.arch}`;

/** Scripts compiled without a usable entry: their entries are written at exit. */
const toWrite = new Map();

function entryPath(wrapper, filename) {
  const key = crypto.createHash('sha1').update(FORMAT).update(filename).update(wrapper).digest('hex');
  return path.join(CACHE_DIR, `${key}.bin`);
}

function readEntry(file) {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

function writeEntries() {
  if (toWrite.size === 0) return;
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
  } catch {
    return;
  }
  for (const [file, script] of toWrite) {
    try {
      // Write then rename: a concurrent start never reads a half-written entry.
      const partial = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(partial, script.createCachedData());
      fs.renameSync(partial, file);
    } catch {
      // read-only checkout or full disk: no cache, same behaviour
    }
  }
  toWrite.clear();
}

function makeRequire(module) {
  const require = (id) => module.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

function install() {
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename) {
    if (!filename.startsWith(REPO_ROOT + path.sep) || content.includes('import(')) {
      return compile.call(this, content, filename);
    }
    const wrapper = Module.wrap(content);
    const file = entryPath(wrapper, filename);
    const cachedData = readEntry(file);
    const script = new vm.Script(wrapper, { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) toWrite.set(file, script);
    const fn = script.runInThisContext({ displayErrors: true });
    return fn.call(this.exports, this.exports, makeRequire(this), this, filename, path.dirname(filename));
  };
  process.once('exit', writeEntries);
}

if (!process.env.SOCKLAB_NO_CODE_CACHE) install();
