import { createServer, type Server } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { LocalDriver, isSandboxError, type SandboxExit, type SandboxRunSpec } from '../src';
import { JobState } from '../src/lib/local/job-state';

const recordProcess = JobState.prototype.recordProcess;
import {
  DEFAULT_LIMITS,
  TERM_TRAP_PROGRAM,
  collectOutput,
  jobCgroupDirsOnHost,
  makeWorkDir,
  netnsExists,
  processesInJobCgroups,
  removeWorkDir,
  testJobId,
} from './support';

const FIXTURES = [
  'identity',
  'fork_bomb',
  'memory_hog',
  'busy_loop',
  'sleeper',
  'output_flood',
  'disk_filler',
  'network_probe',
  'file_probe',
];

describe('local driver (bubblewrap)', () => {
  const stateRoot = '/run/socklab-sandbox-test';
  const driver = new LocalDriver({ stateRoot });
  let workDir: string;
  let jobId: string;

  beforeAll(() => {
    workDir = makeWorkDir(FIXTURES);
  });
  afterAll(() => removeWorkDir(workDir));

  beforeEach(async () => {
    jobId = testJobId('lt');
    await driver.prepare(jobId);
  });

  afterEach(async () => {
    await driver.reap(jobId);
    expect(processesInJobCgroups(jobId)).toEqual([]);
    expect(jobCgroupDirsOnHost(jobId)).toEqual([]);
    expect(netnsExists(`sls-${jobId}`)).toBe(false);
    expect(existsSync(`${stateRoot}/sls-${jobId}`)).toBe(false);
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

  async function runToEnd(
    runSpec: SandboxRunSpec,
  ): Promise<{ exit: SandboxExit; stdout: string; stderr: string }> {
    const sandbox = await driver.run(runSpec);
    const output = await collectOutput(sandbox);
    return { exit: await sandbox.wait(), ...output };
  }

  it('runs the program as uid/gid 65534 with no capabilities and no_new_privs', async () => {
    const { exit, stdout } = await runToEnd(spec(['./identity']));
    expect(exit).toMatchObject({ exitCode: 0, signal: null, timedOut: false, outputTruncated: false });
    expect(exit.pidsLimitHit).toBe(false);
    expect(stdout).toMatch(/^Uid:\s+65534\s+65534\s+65534\s+65534$/m);
    expect(stdout).toMatch(/^Gid:\s+65534\s+65534\s+65534\s+65534$/m);
    expect(stdout).toMatch(/^CapEff:\s+0+$/m);
    expect(stdout).toMatch(/^CapBnd:\s+0+$/m);
    expect(stdout).toMatch(/^NoNewPrivs:\s+1$/m);
  });

  it('settles wait() and keeps the output of a program that ends before run() returns', async () => {
    // The state record is written between spawn and run()'s return; when the disk is slow
    // (a loaded CI machine), a quick program has exited and closed its pipes by then.
    const slowRecord = jest.spyOn(JobState.prototype, 'recordProcess').mockImplementation(async function (
      this: JobState,
      pid: number,
    ) {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return recordProcess.call(this, pid);
    });
    try {
      const { exit, stdout } = await runToEnd(spec(['/bin/echo', 'quick']));
      expect(stdout).toBe('quick\n');
      expect(exit).toMatchObject({ exitCode: 0, timedOut: false });
    } finally {
      slowRecord.mockRestore();
    }
  });

  it('removes the run cgroup as soon as the program has ended', async () => {
    const { exit } = await runToEnd(spec(['./identity']));
    expect(exit.exitCode).toBe(0);
    expect(jobCgroupDirsOnHost(jobId).flatMap((dir) => (existsSync(`${dir}/client-1`) ? [dir] : []))).toEqual(
      [],
    );
  });

  it('passes stdin and environment, and reports the exit status', async () => {
    const { exit, stdout } = await runToEnd(
      spec(['/bin/sh', '-c', 'read line; echo "$GREETING $line"; exit 7'], {
        stdin: 'world\n',
        env: { GREETING: 'hello' },
      }),
    );
    expect(stdout).toBe('hello world\n');
    expect(exit.exitCode).toBe(7);
  });

  it('contains a fork bomb with the pids limit', async () => {
    const { exit, stdout } = await runToEnd(
      spec(['./fork_bomb'], { limits: { ...DEFAULT_LIMITS, pids: 16 } }),
    );
    const forked = Number(/fork failed after (\d+): Resource temporarily unavailable/.exec(stdout)?.[1]);
    expect(forked).toBeLessThan(16);
    expect(exit).toMatchObject({ exitCode: 0, pidsLimitHit: true });
  });

  it('stops a memory hog at the memory limit and reports the OOM kill', async () => {
    const { exit } = await runToEnd(
      spec(['./memory_hog'], { limits: { ...DEFAULT_LIMITS, memoryBytes: 32 << 20 } }),
    );
    expect(exit).toMatchObject({ exitCode: null, signal: 'SIGKILL', oomKilled: true, timedOut: false });
  });

  it('ends an infinite loop at the CPU limit', async () => {
    const { exit } = await runToEnd(spec(['./busy_loop'], { limits: { ...DEFAULT_LIMITS, cpuSeconds: 1 } }));
    expect(exit.signal).toBe('SIGXCPU');
    expect(exit.timedOut).toBe(false);
    // The kernel enforces RLIMIT_CPU on its own per-process clock; the cgroup's cpuacct
    // total read here came out 863-891 ms for a 1 s limit on a loaded machine (also before
    // the rlimits moved from prlimit to sh's ulimit), so the bound leaves that margin.
    expect(exit.cpuMs).toBeGreaterThanOrEqual(800);
  });

  it('kills the whole tree when the wall-clock limit expires', async () => {
    const { exit, stdout } = await runToEnd(
      spec(['/bin/sh', '-c', './sleeper & ./sleeper'], { limits: { ...DEFAULT_LIMITS, wallMs: 500 } }),
    );
    expect(stdout).toBe('sleeping\nsleeping\n');
    expect(exit).toMatchObject({ timedOut: true, signal: 'SIGKILL', exitCode: null });
  });

  it('caps 1 GiB of output and reports exactly how much was dropped', async () => {
    const outputBytes = 1 << 20;
    const { exit, stdout } = await runToEnd(
      spec(['./output_flood'], { limits: { ...DEFAULT_LIMITS, outputBytes, wallMs: 60_000 } }),
    );
    expect(stdout.length).toBe(outputBytes);
    expect(exit).toMatchObject({
      exitCode: 0,
      outputTruncated: true,
      droppedOutputBytes: (1 << 30) - outputBytes,
    });
  }, 90_000);

  it('limits file size and /tmp, and keeps a read-only work dir read-only', async () => {
    const fileSizeBytes = 1 << 20;
    const { stdout } = await runToEnd(
      spec(['./disk_filler'], { limits: { ...DEFAULT_LIMITS, fileSizeBytes } }),
    );
    expect(stdout).toContain(`/tmp/a: write File too large after ${fileSizeBytes}`);
    expect(stdout).toMatch(/\/tmp\/b: write No space left on device after \d+/);
    expect(stdout).toContain('/work/escape: open Read-only file system');
  });

  it('has no route to the host or anywhere else, and no raw sockets', async () => {
    const server: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const { stdout } = await runToEnd(spec(['./network_probe', String(port)]));
      expect(stdout).toContain(`connect 127.0.0.1:${port} Connection refused`);
      expect(stdout).toContain('connect 10.203.255.1:80 Network is unreachable');
      expect(stdout).toContain('raw socket Operation not permitted');
    } finally {
      server.close();
    }
  });

  it('shows no host secrets, home directories or the project', async () => {
    const project = process.cwd();
    const targets = [
      '/etc/shadow',
      '/root',
      '/home',
      `${project}/package.json`,
      '/run/socklab-sandbox-test',
      '/etc/passwd',
    ];
    const { stdout } = await runToEnd(spec(['./file_probe', ...targets]));
    for (const hidden of targets.slice(0, 5)) expect(stdout).toContain(`${hidden} No such file or directory`);
    expect(stdout).toContain('/etc/passwd READABLE');
    expect(readFileSync('/etc/shadow').length).toBeGreaterThan(0); // the host has one; the sandbox does not see it
  });

  it('applies the rlimits byte-exact, also values a shell cannot state in its units', async () => {
    const limitsOf = async (fileSizeBytes: number): Promise<Record<string, string[]>> => {
      const { stdout } = await runToEnd(
        spec(['/bin/cat', '/proc/self/limits'], { limits: { ...DEFAULT_LIMITS, fileSizeBytes } }),
      );
      const rows: Record<string, string[]> = {};
      for (const line of stdout.split('\n').slice(1)) {
        const [, name, soft, hard] = /^(Max [a-z ]+?)\s{2,}(\S+)\s+(\S+)/.exec(line) ?? [];
        if (name !== undefined) rows[name] = [soft ?? '', hard ?? ''];
      }
      return rows;
    };
    const cpu = String(DEFAULT_LIMITS.cpuSeconds);
    const expected = (fsize: number) => ({
      'Max cpu time': [cpu, String(DEFAULT_LIMITS.cpuSeconds + 1)],
      'Max file size': [String(fsize), String(fsize)],
      'Max open files': [String(DEFAULT_LIMITS.openFiles), String(DEFAULT_LIMITS.openFiles)],
      'Max core file size': ['0', '0'],
    });
    expect(await limitsOf(4 << 20)).toMatchObject(expected(4 << 20));
    expect(await limitsOf(1_000_001)).toMatchObject(expected(1_000_001));
  });

  it('runs in a fresh empty netns for network "none" and in the job netns otherwise', async () => {
    const job = await runToEnd(spec(['/bin/readlink', '/proc/self/ns/net']));
    const none = await runToEnd(spec(['/bin/readlink', '/proc/self/ns/net'], { network: 'none' }));
    const jobNetnsInode = /\[(\d+)\]/.exec(job.stdout)?.[1];
    expect(jobNetnsInode).toBeDefined();
    expect(none.stdout).not.toContain(`[${jobNetnsInode}]`);
  });

  it('prepares a job without network (a build) with no namespace of its own', async () => {
    const buildJob = testJobId('lb');
    try {
      expect(await driver.prepare(buildJob, { network: 'none' })).toEqual({
        jobId: buildJob,
        netnsPath: null,
      });
      expect(netnsExists(`sls-${buildJob}`)).toBe(false);
      const sandbox = await driver.run(spec(['./identity'], { jobId: buildJob, network: 'none' }));
      await collectOutput(sandbox);
      expect((await sandbox.wait()).exitCode).toBe(0);
      const joining = await driver
        .run(spec(['./identity'], { jobId: buildJob, network: 'job' }))
        .catch((caught: unknown) => caught);
      expect(isSandboxError(joining, 'sandbox/not-prepared')).toBe(true);
    } finally {
      await driver.reap(buildJob);
    }
    expect(existsSync(`${stateRoot}/sls-${buildJob}`)).toBe(false);
  });

  it('traces the program with strace into the work dir', async () => {
    const traceDir = makeWorkDir(['network_probe'], true);
    try {
      const { exit } = await runToEnd(
        spec(['./network_probe', '9'], {
          workDir: traceDir,
          writable: true,
          strace: { flags: ['-e', 'trace=socket,connect'], outputFile: 'strace.out' },
        }),
      );
      expect(exit.exitCode).toBe(0);
      const trace = readFileSync(`${traceDir}/strace.out`, 'utf8');
      expect(trace).toMatch(
        /connect\(\d+, \{sa_family=AF_INET, sin_port=htons\(9\), sin_addr=inet_addr\("127.0.0.1"\)\}/,
      );
      expect(trace).toMatch(/ECONNREFUSED/);
    } finally {
      removeWorkDir(traceDir);
    }
  });

  it('delivers signals to the program and kill() ends everything', async () => {
    const sandbox = await driver.run(
      spec(['/bin/sh', '-c', 'trap "echo got-term; exit 3" TERM; ./sleeper & wait']),
    );
    const chunks = sandbox.output()[Symbol.asyncIterator]();
    expect((await chunks.next()).value?.data.toString()).toBe('sleeping\n');
    await sandbox.signal('SIGTERM');
    expect((await chunks.next()).value?.data.toString()).toBe('got-term\n');
    expect((await sandbox.wait()).exitCode).toBe(3);
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
      expect(readFileSync(`${traceDir}/strace.out`, 'utf8')).toMatch(/--- SIGTERM .*---/);
    } finally {
      removeWorkDir(traceDir);
    }
  });

  it('refuses to run a job that was not prepared', async () => {
    const error = await driver
      .run(spec(['./identity'], { jobId: 'never-prepared' }))
      .catch((caught: unknown) => caught);
    expect(isSandboxError(error, 'sandbox/not-prepared')).toBe(true);
  });

  it('reaps processes of a job whose runner lost track of them', async () => {
    const sandbox = await driver.run(spec(['./sleeper']));
    const chunks = sandbox.output()[Symbol.asyncIterator]();
    await chunks.next();
    const report = await driver.reap(jobId);
    expect(report.killedPids).toContain(sandbox.pid);
    expect(report.removedNetns).toEqual([`sls-${jobId}`]);
    expect((await sandbox.wait()).signal).toBe('SIGKILL');
  });
});
