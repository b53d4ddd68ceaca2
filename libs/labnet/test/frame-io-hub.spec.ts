/**
 * Real test (root): one hub's worker serves several TAPs and stops with the last one.
 * The TAPs stay down in the runner's namespace for the few milliseconds they exist,
 * so no frame can flow.
 */
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

  it('rejects an interface name the kernel would truncate, with a stable code', async () => {
    await expect(TapDevice.create({ name: 'slq-h-this-is-too-long' })).rejects.toMatchObject({
      code: 'labnet/invalid-interface-name',
    });
  });
});
