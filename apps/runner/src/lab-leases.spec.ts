import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { LabLeases, labShapeOf } from './lab-leases';

describe('LabLeases', () => {
  let dir: string;
  let tracefs: string;
  let reaped: string[];
  let leases: LabLeases;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lab-leases-'));
    tracefs = path.join(dir, 'tracefs');
    reaped = [];
    leases = new LabLeases(
      path.join(dir, 'leases'),
      {
        reap: async (jobId) => {
          reaped.push(jobId);
          return { jobId, killedPids: [], removedCgroups: [], removedContainers: [], removedNetns: [] };
        },
      },
      () => tracefs,
      path.join(dir, 'netns'), // nothing there: no namespace of the real host is touched
    );
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reaps the sandbox jobs and trace instances of a lab whose runner process is gone', async () => {
    const deadPid = spawnSync('true').pid;
    await mkdir(path.join(tracefs, 'instances', 'slb-r2-abc-s1'), { recursive: true });
    await mkdir(path.join(dir, 'leases'), { recursive: true });
    await writeFile(
      path.join(dir, 'leases', 'r2-abc.json'),
      JSON.stringify({ labJobId: 'r2-abc', pid: deadPid, startTime: '1', scenarios: 2, learnerHosts: 1 }),
    );
    expect(await leases.sweep()).toEqual(['r2-abc']);
    expect(reaped.sort()).toEqual(['r2-abc-b', 'r2-abc-s0-0', 'r2-abc-s1-0']);
    expect(existsSync(path.join(tracefs, 'instances', 'slb-r2-abc-s1'))).toBe(false);
    expect(await readdir(path.join(dir, 'leases'))).toEqual([]);
  });

  it('leaves the labs of a live runner alone, and forgets a released lease', async () => {
    await leases.take('r1-live', { scenarios: 1, learnerHosts: 1 });
    expect(await leases.sweep()).toEqual([]);
    expect(reaped).toEqual([]);
    await leases.release('r1-live');
    expect(await readdir(path.join(dir, 'leases'))).toEqual([]);
  });

  it('reads the lab shape from a stored spec, and an unreadable spec as empty', () => {
    expect(labShapeOf({ scenarios: [{}, {}], hosts: { learner: [{}] } })).toEqual({
      scenarios: 2,
      learnerHosts: 1,
    });
    expect(labShapeOf(null)).toEqual({ scenarios: 0, learnerHosts: 0 });
  });
});
