import { readlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import Dockerode from 'dockerode';
import { isSandboxError, type DockerDriver, type SandboxExit, type SandboxRunSpec } from '../src';
import { startTestEngine } from './docker-engine';
import {
  DEFAULT_LIMITS,
  TERM_TRAP_PROGRAM,
  collectOutput,
  makeWorkDir,
  removeWorkDir,
  testJobId,
} from './support';

const FIXTURES = [
  'identity',
  'fork_bomb',
  'memory_hog',
  'sleeper',
  'output_flood',
  'disk_filler',
  'network_probe',
  'file_probe',
];

describe('docker driver (Docker API, served by Podman here)', () => {
  let driver: DockerDriver;
  let stopEngine: () => Promise<void>;
  let docker: Dockerode;
  let workDir: string;
  let jobId: string;

  beforeAll(async () => {
    ({ driver, stop: stopEngine } = await startTestEngine());
    docker = new Dockerode({ socketPath: (driver as unknown as { socketPath: string }).socketPath });
    workDir = makeWorkDir(FIXTURES);
  }, 600_000);

  afterAll(async () => {
    removeWorkDir(workDir);
    await stopEngine();
  });

  beforeEach(async () => {
    jobId = testJobId('dt');
    await driver.prepare(jobId);
  });

  afterEach(async () => {
    await driver.reap(jobId);
    const left = await docker.listContainers({ all: true, filters: { label: [`socklab.job=${jobId}`] } });
    expect(left).toEqual([]);
  });

  function spec(argv: string[], overrides: Partial<SandboxRunSpec> = {}): SandboxRunSpec {
    return {
      jobId,
      role: 'client',
      argv,
      workDir,
      writable: false,
      network: 'job',
      limits: DEFAULT_LIMITS,
      ...overrides,
    };
  }

  async function runToEnd(runSpec: SandboxRunSpec): Promise<{ exit: SandboxExit; stdout: string }> {
    const sandbox = await driver.run(runSpec);
    const { stdout } = await collectOutput(sandbox);
    return { exit: await sandbox.wait(), stdout };
  }

  /** The states of the job's program containers ('exited', 'running'…), as the engine lists them. */
  async function programStates(): Promise<string[]> {
    const programs = await docker.listContainers({
      all: true,
      filters: { label: [`socklab.role=client`, `socklab.job=${jobId}`] },
    });
    return programs.map((info) => info.State);
  }

  it('runs as 65534 without capabilities', async () => {
    const { exit, stdout } = await runToEnd(spec(['./identity']));
    expect(exit).toMatchObject({ exitCode: 0, signal: null, timedOut: false });
    expect(stdout).toMatch(/^Uid:\s+65534\s+65534\s+65534\s+65534$/m);
    expect(stdout).toMatch(/^CapEff:\s+0+$/m);
    expect(stdout).toMatch(/^NoNewPrivs:\s+1$/m);
  });

  // A removal that rejected unhandled would fail the test it happens in (Jest reports it there).
  describe("a stopped program's container is removed in the background", () => {
    it('wait() resolves with the exit status while the removal is held; reap awaits the removal', async () => {
      const hold = holdNextRemoval();
      try {
        const { exit, stdout } = await runToEnd(spec(['/bin/sh', '-c', 'echo bye; exit 7']));
        expect(exit).toMatchObject({ exitCode: 7, signal: null, timedOut: false });
        expect(stdout).toBe('bye\n');
        expect(await programStates()).toEqual(['exited']);
        const reaping = driver.reap(jobId);
        hold.release('remove');
        // The background removal finished before reap listed the job's containers: reap found
        // only the netns holder left to remove.
        expect((await reaping).removedContainers).toEqual([`sls-${jobId}-netns`]);
      } finally {
        hold.restore();
      }
    });

    it('reap removes a container whose background removal failed', async () => {
      const hold = holdNextRemoval();
      try {
        const sandbox = await driver.run(spec(['/bin/true']));
        expect((await sandbox.wait()).exitCode).toBe(0);
        hold.release('fail');
        await hold.done;
        expect(await programStates()).toEqual(['exited']);
        const report = await driver.reap(jobId);
        expect(report.removedContainers).toEqual(
          expect.arrayContaining([expect.stringMatching(new RegExp(`^sls-${jobId}-client-\\d+$`))]),
        );
      } finally {
        hold.restore();
      }
    });

    it('reap right after wait() leaves nothing, with removals still under way', async () => {
      const sandboxes = await Promise.all(
        [0, 1, 2].map((n) => driver.run(spec(['/bin/sh', '-c', `exit ${n}`]))),
      );
      const exits = await Promise.all(sandboxes.map((sandbox) => sandbox.wait()));
      expect(exits.map((exit) => exit.exitCode)).toEqual([0, 1, 2]);
      await driver.reap(jobId);
      // afterEach: no container of the job remains.
    });
  });

  it('exposes the job netns before any program runs, and programs join it', async () => {
    const { netnsPath } = await driver.prepare(jobId);
    expect(netnsPath).not.toBeNull();
    const { stdout } = await runToEnd(spec(['/bin/readlink', '/proc/self/ns/net']));
    expect(stdout.trim()).toBe(readlinkSync(netnsPath ?? ''));
  });

  it('starts no netns holder for a job without network (a build); its programs run with none', async () => {
    const buildJob = testJobId('db');
    try {
      expect(await driver.prepare(buildJob, { network: 'none' })).toEqual({
        jobId: buildJob,
        netnsPath: null,
      });
      const holders = await docker.listContainers({
        all: true,
        filters: { label: [`socklab.job=${buildJob}`] },
      });
      expect(holders).toEqual([]);
      const { exit } = await runToEnd(spec(['./identity'], { jobId: buildJob, network: 'none' }));
      expect(exit.exitCode).toBe(0);
      const joining = await driver
        .run(spec(['./identity'], { jobId: buildJob, network: 'job' }))
        .catch((caught: unknown) => caught);
      expect(isSandboxError(joining, 'sandbox/not-prepared')).toBe(true);
    } finally {
      await driver.reap(buildJob);
    }
  });

  it('passes stdin bytes to the program', async () => {
    const { stdout } = await runToEnd(
      spec(['/bin/sh', '-c', 'read line; echo "got $line"'], { stdin: 'ping\n' }),
    );
    expect(stdout).toBe('got ping\n');
  });

  it('delivers signals to a traced program, not to strace (which would ignore them)', async () => {
    const traceDir = makeWorkDir([], true);
    try {
      const sandbox = await driver.run(
        spec(TERM_TRAP_PROGRAM, {
          workDir: traceDir,
          writable: true,
          strace: { flags: ['-e', 'trace=none'], outputFile: 'strace.out' },
        }),
      );
      const chunks = sandbox.output()[Symbol.asyncIterator]();
      expect((await chunks.next()).value?.data.toString()).toBe('sleeping\n');
      await sandbox.signal('SIGTERM');
      expect((await chunks.next()).value?.data.toString()).toBe('got-term\n');
      expect((await sandbox.wait()).exitCode).toBe(3);
    } finally {
      removeWorkDir(traceDir);
    }
  });

  it('contains a fork bomb, a memory hog and a sleeper', async () => {
    const bomb = await runToEnd(spec(['./fork_bomb'], { limits: { ...DEFAULT_LIMITS, pids: 16 } }));
    expect(Number(/fork failed after (\d+)/.exec(bomb.stdout)?.[1])).toBeLessThan(16);
    const hog = await runToEnd(
      spec(['./memory_hog'], { limits: { ...DEFAULT_LIMITS, memoryBytes: 32 << 20 } }),
    );
    // Podman on cgroup v1 cannot tell OOM kills apart, so the driver reports "unknown" there.
    expect(hog.exit).toMatchObject({ signal: 'SIGKILL', timedOut: false });
    expect([true, undefined]).toContain(hog.exit.oomKilled);
    const sleeper = await runToEnd(spec(['./sleeper'], { limits: { ...DEFAULT_LIMITS, wallMs: 1000 } }));
    expect(sleeper.exit).toMatchObject({ timedOut: true, signal: 'SIGKILL' });
  }, 60_000);

  // 64 MiB rather than the local driver's 1 GiB: through Podman's attach stream 1 GiB took ~90 s here.
  it('caps output and counts the dropped bytes', async () => {
    const { exit, stdout } = await runToEnd(
      spec(['./output_flood', '64'], { limits: { ...DEFAULT_LIMITS, outputBytes: 1 << 16, wallMs: 60_000 } }),
    );
    expect(stdout.length).toBe(1 << 16);
    expect(exit).toMatchObject({ exitCode: 0, droppedOutputBytes: (64 << 20) - (1 << 16) });
  }, 90_000);

  it('limits files, hides the host, blocks the network and raw sockets', async () => {
    const disk = await runToEnd(
      spec(['./disk_filler'], { limits: { ...DEFAULT_LIMITS, fileSizeBytes: 1 << 20 } }),
    );
    expect(disk.stdout).toContain(`/tmp/a: write File too large after ${1 << 20}`);
    expect(disk.stdout).toContain('/work/escape: open Read-only file system');
    const files = await runToEnd(
      spec(['./file_probe', '/etc/shadow', '/root/.bashrc', `${process.cwd()}/package.json`]),
    );
    expect(files.stdout).not.toContain('READABLE');
    const server: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as { port: number }).port;
      const net = await runToEnd(spec(['./network_probe', String(port)]));
      expect(net.stdout).toContain(`connect 127.0.0.1:${port} Connection refused`);
      expect(net.stdout).toContain('connect 10.203.255.1:80 Network is unreachable');
      expect(net.stdout).toContain('raw socket Operation not permitted');
    } finally {
      server.close();
    }
  }, 60_000);

  it('reaps the netns holder and running programs of a job', async () => {
    const sandbox = await driver.run(spec(['./sleeper']));
    await sandbox.output()[Symbol.asyncIterator]().next();
    const report = await driver.reap(jobId);
    expect(report.removedContainers).toEqual(expect.arrayContaining([`sls-${jobId}-netns`]));
    await expect(sandbox.wait()).resolves.toMatchObject({ exitCode: null });
  });
});

/**
 * Holds the next container removal (a stopped program's, started in the background) until
 * `release`: then it goes on, or fails as the engine would with a server error.
 */
function holdNextRemoval(): {
  release(outcome: 'remove' | 'fail'): void;
  /** Settles once the held removal has finished or failed. */
  done: Promise<void>;
  restore(): void;
} {
  const remove = Dockerode.Container.prototype.remove;
  let release: (outcome: 'remove' | 'fail') => void = () => undefined;
  const released = new Promise<'remove' | 'fail'>((resolve) => (release = resolve));
  let held: Promise<unknown> | null = null;
  let markDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (markDone = resolve));
  const spy = jest.spyOn(Dockerode.Container.prototype, 'remove').mockImplementation(function (
    this: Dockerode.Container,
    options?: object,
  ) {
    if (held !== null) return remove.call(this, options);
    held = released.then(async (outcome) => {
      if (outcome === 'fail')
        throw Object.assign(new Error('(HTTP code 500) server error'), { statusCode: 500 });
      return remove.call(this, options);
    });
    void held.finally(markDone).catch(() => undefined);
    return held;
  } as typeof remove);
  return { release: (outcome) => release(outcome), done, restore: () => spy.mockRestore() };
}
