import type { ScenarioSetup } from './scenario-setup';
import { SetupPipeline } from './setup-pipeline';

/** Fake setups that record when they were opened and disposed. */
function recorder(failAt: number | null = null) {
  const log: string[] = [];
  const open = async (index: number): Promise<ScenarioSetup> => {
    log.push(`open ${index}`);
    if (index === failAt) throw new Error(`setup ${index} failed`);
    return {
      dispose: async () => {
        log.push(`dispose ${index}`);
        return index === 2 ? ['TAP slb2 is busy'] : [];
      },
    } as unknown as ScenarioSetup;
  };
  return { log, open };
}

describe('SetupPipeline', () => {
  it('opens ahead only when asked, and opens on demand a setup nobody opened ahead', async () => {
    const { log, open } = recorder();
    const pipeline = new SetupPipeline(open, 3);
    pipeline.openNext();
    expect(log).toEqual(['open 0']);
    await pipeline.take(0);
    await pipeline.take(2); // scenario 0 never asked for its successor: 1 and 2 open now
    expect(log).toEqual(['open 0', 'open 1', 'open 2']);
    pipeline.openNext(); // past the last: nothing
    expect(log).toHaveLength(3);
  });

  it('disposes the setups opened and never taken, and returns what they could not remove', async () => {
    const { log, open } = recorder();
    const pipeline = new SetupPipeline(open, 3);
    pipeline.openNext();
    pipeline.openNext();
    pipeline.openNext();
    await pipeline.take(0);
    expect(await pipeline.disposeUnused()).toEqual(['TAP slb2 is busy']);
    expect(log.filter((line) => line.startsWith('dispose'))).toEqual(['dispose 1', 'dispose 2']);
    expect(await pipeline.disposeUnused()).toEqual([]);
  });

  it('fails the take of a setup that failed to open, and ignores it when unused', async () => {
    const failing = recorder(1);
    const pipeline = new SetupPipeline(failing.open, 2);
    pipeline.openNext();
    pipeline.openNext();
    await expect(pipeline.take(1)).rejects.toThrow('setup 1 failed');
    expect(await pipeline.disposeUnused()).toEqual([]);
    expect(failing.log).toEqual(['open 0', 'open 1', 'dispose 0']);
    expect(() => pipeline.take(0)).toThrow('already taken');
    expect(() => pipeline.take(2)).toThrow('there are 2 scenarios, not 3');
  });
});
