import { Teardowns } from './teardowns';

function deferred<T>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
} {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('Teardowns', () => {
  it('settles with no problems when nothing was added', async () => {
    await expect(new Teardowns().settle()).resolves.toEqual([]);
  });

  it('reports a failed removal under its name and passes problem lists through', async () => {
    const teardowns = new Teardowns();
    teardowns.add('removing the build sandbox', Promise.reject(new Error('engine gone')));
    teardowns.add('removing nothing', Promise.resolve('done'));
    teardowns.addProblems(Promise.resolve(['tap slb1 left behind']));
    teardowns.addProblems(Promise.reject(new Error('dispose threw')));
    const problems = await teardowns.settle();
    expect(problems).toEqual([
      'removing the build sandbox: engine gone',
      'tap slb1 left behind',
      expect.stringContaining('dispose threw'),
    ]);
  });

  it('does not settle before work that is still running, including work added while it waits', async () => {
    const teardowns = new Teardowns();
    const first = deferred<string[]>();
    const second = deferred<void>();
    teardowns.addProblems(first.promise);
    let settled = false;
    const settling = teardowns.settle().then((problems) => {
      settled = true;
      return problems;
    });
    teardowns.add('second', second.promise);
    first.resolve([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    second.reject(new Error('busy'));
    await expect(settling).resolves.toEqual(['second: busy']);
  });
});
