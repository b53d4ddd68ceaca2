import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabEventSequencer } from '../events';
import { CaptureRecorder } from './capture-recorder';

describe('CaptureRecorder', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'capture-recorder-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function recorder(): Promise<CaptureRecorder> {
    const capture = await CaptureRecorder.open(join(dir, 'capture.pcapng'), {
      clock: { realtimeNs: 0n, monotonicNs: 0n },
      events: new LabEventSequencer(undefined),
      comments: [],
      onFrame: () => undefined,
    });
    capture.addPort({ id: 0, name: 'server', description: 'learner', learner: false });
    return capture;
  }

  it('closes cleanly when frames and notes still come while it is closing (the network outlives it)', async () => {
    const capture = await recorder();
    const frame = new Uint8Array(60);
    capture.hook(0, 'in', frame, 1n, []);
    const closing = capture.close();
    capture.hook(0, 'out', frame, 2n, []);
    capture.note(3n, 'late note');
    await expect(closing).resolves.toBeUndefined();
  });
});
