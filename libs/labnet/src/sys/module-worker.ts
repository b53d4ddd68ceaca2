/**
 * Starting a worker thread on one of labnet's own modules.
 *
 * From compiled JavaScript the worker simply runs the `.js` file. From TypeScript sources
 * (the CLI, the runner and Jest all run the sources through SWC) a worker that loads a
 * transpiler itself (`@swc-node/register`) spends 0.5–0.9 s before its first line runs —
 * longer than a lab scenario waits for its first frame. Instead, the main thread, which
 * already has SWC loaded, transpiles the worker's module graph (the entry and the
 * relative modules it requires) once per process, and the worker evaluates that graph
 * with a small CommonJS loader. Packages (koffi) are required from node_modules as usual.
 *
 * Contract: the entry's relative imports must be TypeScript files of this repository
 * (`./x` → `./x.ts` or `./x/index.ts`); they are evaluated once per worker, in require order.
 */
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

/** Transpiled module graphs by entry file: transpiling is done once per process. */
const graphs = new Map<string, Record<string, string>>();

/** `entry` without extension, e.g. path.join(__dirname, 'frame-io-worker'). */
export function spawnModuleWorker(entry: string, workerData: unknown): Worker {
  if (__filename.endsWith('.js')) return new Worker(`${entry}.js`, { workerData });
  const entryFile = `${entry}.ts`;
  let graph = graphs.get(entryFile);
  if (!graph) {
    graph = transpileGraph(entryFile);
    graphs.set(entryFile, graph);
  }
  return new Worker(loaderSource(graph, entryFile), { eval: true, workerData, execArgv: [] });
}

function transpileGraph(entryFile: string): Record<string, string> {
  // Only reached when running from sources, where @swc/core is installed (devDependency).
  const swc = createRequire(__filename)('@swc/core') as {
    transformSync(code: string, options: object): { code: string };
  };
  const graph: Record<string, string> = {};
  const pending = [entryFile];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (file in graph) continue;
    const { code } = swc.transformSync(readFileSync(file, 'utf8'), {
      filename: file,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    graph[file] = code;
    for (const match of code.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
      pending.push(resolveSource(dirname(file), match[1]));
    }
  }
  return graph;
}

function resolveSource(dir: string, specifier: string): string {
  const base = resolve(dir, specifier);
  for (const candidate of [`${base}.ts`, `${base}/index.ts`]) if (existsSync(candidate)) return candidate;
  throw new Error(`module-worker: cannot resolve '${specifier}' from ${dir} to a TypeScript file`);
}

/** A CommonJS loader over the transpiled graph; anything else goes to the real require. */
function loaderSource(graph: Record<string, string>, entryFile: string): string {
  return `'use strict';
const { createRequire } = require('node:module');
const { dirname, resolve } = require('node:path');
const graph = ${JSON.stringify(graph)};
const cache = new Map();
function load(file) {
  const cached = cache.get(file);
  if (cached) return cached.exports;
  const module = { exports: {} };
  cache.set(file, module);
  const real = createRequire(file);
  const local = (specifier) => {
    if (!specifier.startsWith('.')) return real(specifier);
    const base = resolve(dirname(file), specifier);
    const found = [base + '.ts', base + '/index.ts'].find((candidate) => candidate in graph);
    return found ? load(found) : real(specifier);
  };
  new Function('exports', 'require', 'module', '__filename', '__dirname', graph[file])(
    module.exports, local, module, file, dirname(file));
  return module.exports;
}
load(${JSON.stringify(entryFile)});
`;
}
