/**
 * Real test (root): one hub's worker serves several TAPs and stops with the last one.
 * The TAPs stay down in the runner's namespace for the few milliseconds they exist,
 * so no frame can flow.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { FrameIoHub, TapDevice } from '../src';
import { leftoverLinks, runningAsRoot } from './helpers/lab-resources';

const PREFIX = 'slq-h';
const describeAsRoot = runningAsRoot ? describe : describe.skip;

describeAsRoot('FrameIoHub', () => {
  afterAll(() => expect(leftoverLinks(PREFIX)).toEqual([]));

  it('serves many TAPs from one worker and stops the worker when the last TAP closes', async () => {
    const hub = new FrameIoHub();
    const taps = await Promise.all([0, 1, 2].map((i) => TapDevice.create({ name: `${PREFIX}-${i}`, hub })));
    expect(hub.deviceCount).toBe(3);
    expect(hub.workerRunning).toBe(true);
    expect(leftoverLinks(PREFIX).sort()).toEqual(['slq-h-0', 'slq-h-1', 'slq-h-2']);
    await taps[0]!.close();
    expect(hub.workerRunning).toBe(true);
    const started = Date.now();
    await Promise.all(taps.slice(1).map((tap) => tap.close()));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(hub.deviceCount).toBe(0);
    expect(hub.workerRunning).toBe(false);
    expect(leftoverLinks(PREFIX)).toEqual([]);
  });

  it('with idleStopMs keeps the worker for the next TAP, then stops it when idle', async () => {
    const hub = new FrameIoHub({ idleStopMs: 300 });
    const first = await TapDevice.create({ name: `${PREFIX}-l1`, hub });
    await first.close();
    expect(hub.deviceCount).toBe(0);
    expect(hub.workerRunning).toBe(true);
    const second = await TapDevice.create({ name: `${PREFIX}-l2`, hub });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(hub.workerRunning).toBe(true);
    await second.close();
    const deadline = Date.now() + 5000;
    while (hub.workerRunning && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(hub.workerRunning).toBe(false);
  });

  it('never keeps a process from exiting: idle, or polling when process.exit() is called', async () => {
    const script = join(__dirname, 'fixtures', 'exit-with-hub.ts');
    for (const mode of ['idle', 'exit-while-polling']) {
      const started = Date.now();
      const code = await new Promise<number | null>((resolve) => {
        const child = execFile(process.execPath, ['-r', '@swc-node/register', script, mode], {
          env: { ...process.env, SWC_NODE_PROJECT: join(__dirname, '../../../tsconfig.json') },
          timeout: 20_000,
        });
        child.once('exit', (exitCode) => resolve(exitCode));
      });
      expect({ mode, code }).toEqual({ mode, code: 7 });
      expect(Date.now() - started).toBeLessThan(15_000);
    }
  }, 45_000);

  it('rejects an interface name the kernel would truncate, with a stable code', async () => {
    await expect(TapDevice.create({ name: 'slq-h-this-is-too-long' })).rejects.toMatchObject({
      code: 'labnet/invalid-interface-name',
    });
  });
});
