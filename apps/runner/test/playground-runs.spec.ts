import { findPlaygroundPreset, presetExercise } from '@socklab/exercise';

import { fakeExecutor, Harness } from './harness';

jest.setTimeout(30_000);

describe('lab-runs worker, playground runs', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await Harness.open();
  });
  afterEach(() => h.stopWorkers());
  afterAll(() => h?.close());

  it('runs the program against the preset’s one-scenario exercise, as `socklab play` does', async () => {
    const executor = fakeExecutor();
    const worker = h.startWorker(executor);
    const job = await h.newRun({ playgroundPresetId: 'half-closing-client' });
    await h.enqueue(job);
    expect(await h.waitForRun(job.runId, (r) => r.status === 'done')).toMatchObject({ gradable: true });
    const preset = findPlaygroundPreset('half-closing-client');
    expect(preset).toBeDefined();
    expect(executor.specs).toEqual([preset && presetExercise(preset)]);
    expect((await h.streamOf(job.runId)).at(-1)).toMatchObject({ type: 'result' });
    await worker.shutdown(1_000);
  });

  it('fails a run whose preset this runner does not have, not gradable, without starting the lab', async () => {
    const executor = fakeExecutor();
    const worker = h.startWorker(executor);
    const job = await h.newRun({ playgroundPresetId: 'retired-preset' });
    await h.enqueue(job);
    expect(await h.waitForRun(job.runId, (r) => r.status === 'failed')).toMatchObject({
      gradable: false,
      infraErrorCode: 'playground/unknown-preset',
      infraErrorMessage: 'This runner has no playground preset "retired-preset".',
    });
    expect(executor.calls).toBe(0);
    const events = await h.streamOf(job.runId);
    expect(events.filter((e) => e.type === 'error')).toMatchObject([{ code: 'playground/unknown-preset' }]);
    expect(events.at(-1)).toMatchObject({ type: 'result', gradable: false });
    await worker.shutdown(1_000);
  });
});
