/**
 * A worker started on a TypeScript module runs its relative TypeScript imports and
 * packages without a transpiler of its own, and does not inherit the parent's preloads.
 */
import { join } from 'node:path';
import { spawnModuleWorker } from '../src/sys/module-worker';

describe('spawnModuleWorker', () => {
  it('runs a TypeScript entry with its relative imports and packages', async () => {
    const worker = spawnModuleWorker(join(__dirname, 'fixtures', 'worker', 'entry'), { greeting: 'hello' });
    try {
      const reply = await new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      expect(reply).toEqual({ text: 'hello from a worker', koffiLoaded: true, execArgv: [] });
    } finally {
      await worker.terminate();
    }
  });

  it('reports an import it cannot resolve to a TypeScript file', () => {
    expect(() => spawnModuleWorker(join(__dirname, 'fixtures', 'worker', 'broken'), {})).toThrow(
      /cannot resolve '\.\/absent'/,
    );
  });
});
