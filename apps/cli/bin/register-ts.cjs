/**
 * Runs this repository's TypeScript sources in Node without a build step, fast.
 *
 * `-r @swc-node/register` spends ~0.45 s loading SWC and parsing tsconfig before the first
 * line runs, then transpiles every module again on every start (~0.6 s more for the CLI's
 * graph). This hook keeps each module's transpiled JavaScript in
 * node_modules/.cache/socklab-ts, keyed by the file's path, size, mtime and this hook's
 * version, and loads SWC only on a cache miss: a warm start costs a stat and a read per
 * module. An edited file has a new mtime, so it is transpiled again: nothing to rebuild.
 *
 * Contract (as @swc-node/register with the root tsconfig.json):
 * - `@socklab/*` resolves through tsconfig.json's `paths`; relative `./x` finds `x.ts` and
 *   `x/index.ts` (Node tries every registered extension);
 * - TypeScript is compiled as tsconfig says: ES2022, CommonJS, legacy decorators with
 *   metadata (NestJS), with inline source maps: `node --enable-source-maps` maps stack traces
 *   to the .ts lines (not on by default: parsing every module's map costs ~60 ms at start).
 * Usage: `node -r ./apps/cli/bin/register-ts.cjs file.ts`, or require() it before the first .ts.
 */
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

/** Bump when the transform options change: old cache entries are then never read. */
const HOOK_VERSION = '1';
const REPO_ROOT = path.resolve(__dirname, '../../..');
const CACHE_DIR = path.join(REPO_ROOT, 'node_modules', '.cache', 'socklab-ts');

const SWC_OPTIONS = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
    target: 'es2022',
    keepClassNames: true,
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
  },
  module: { type: 'commonjs', noInterop: false },
  sourceMaps: 'inline',
  swcrc: false,
  configFile: false,
};

/** tsconfig.json `paths` as exact specifier → absolute file. */
function loadPathAliases() {
  const tsconfig = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'tsconfig.json'), 'utf8'));
  const aliases = new Map();
  for (const [specifier, targets] of Object.entries(tsconfig.compilerOptions.paths ?? {})) {
    aliases.set(specifier, path.join(REPO_ROOT, targets[0]));
  }
  return aliases;
}

function installAliasResolution(aliases) {
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    const aliased = aliases.get(request);
    return resolveFilename.call(this, aliased ?? request, ...rest);
  };
}

let swc = null;
function transpile(source, filename) {
  swc ??= require('@swc/core');
  return swc.transformSync(source, { ...SWC_OPTIONS, filename }).code;
}

/** The transpiled module, from the cache when the source is unchanged since it was written. */
function compiledSource(filename) {
  const stat = fs.statSync(filename);
  const key = crypto
    .createHash('sha1')
    .update(`${HOOK_VERSION}\0${filename}\0${stat.size}\0${stat.mtimeMs}`)
    .digest('hex');
  const cached = path.join(CACHE_DIR, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // not cached yet
  }
  const code = transpile(fs.readFileSync(filename, 'utf8'), filename);
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    // Write then rename: a concurrent start never reads a half-written entry.
    const partial = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(partial, code);
    fs.renameSync(partial, cached);
  } catch {
    // A read-only checkout still runs, transpiling each time.
  }
  return code;
}

if (!Module._extensions['.ts']) {
  installAliasResolution(loadPathAliases());
  Module._extensions['.ts'] = function (module, filename) {
    module._compile(compiledSource(filename), filename);
  };
}
