import { appendFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The local driver's on-disk record of a job, `<stateRoot>/sls-<jobId>/`, which outlives a
 * crashed runner so `reap` can find what the job left behind:
 *   processes    one "<pid> <start time>" line per sandbox started (start time in clock
 *                ticks since boot, field 22 of /proc/<pid>/stat, guards against pid reuse)
 *   cgroups      one job cgroup directory per line
 *   netns        "<path>" of the job's network namespace, plus " <name>" when the driver
 *                created it (and must delete it on reap)
 *   etc/         the sandbox's minimal /etc (passwd, group, hosts)
 */
export class JobState {
  constructor(readonly dir: string) {}

  static at(stateRoot: string, jobName: string): JobState {
    return new JobState(join(stateRoot, jobName));
  }

  async create(cgroupDirs: string[]): Promise<void> {
    await mkdir(join(this.dir, 'etc'), { recursive: true, mode: 0o755 });
    await writeFile(join(this.dir, 'cgroups'), cgroupDirs.map((dir) => `${dir}\n`).join(''));
    const etc = (name: string, text: string) => writeFile(join(this.dir, 'etc', name), text, { mode: 0o644 });
    await etc('passwd', 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/work:/bin/sh\n');
    await etc('group', 'root:x:0:\nnogroup:x:65534:\n');
    await etc('hosts', '127.0.0.1\tlocalhost\n::1\tlocalhost\n');
    await etc('nsswitch.conf', 'passwd: files\ngroup: files\nhosts: files dns\n');
  }

  get etcDir(): string {
    return join(this.dir, 'etc');
  }

  async exists(): Promise<boolean> {
    return readFile(join(this.dir, 'cgroups'), 'utf8').then(
      () => true,
      () => false,
    );
  }

  async recordProcess(pid: number): Promise<void> {
    const startTime = await processStartTime(pid);
    if (startTime !== null) await appendFile(join(this.dir, 'processes'), `${pid} ${startTime}\n`);
  }

  /** Recorded processes that are still the same process (pid and start time match). */
  async liveProcesses(): Promise<number[]> {
    const text = await readFile(join(this.dir, 'processes'), 'utf8').catch(() => '');
    const live: number[] = [];
    for (const line of text.split('\n').filter(Boolean)) {
      const [pid, startTime] = line.split(' ').map(Number);
      if ((await processStartTime(pid)) === startTime) live.push(pid);
    }
    return live;
  }

  async cgroupDirs(): Promise<string[]> {
    const text = await readFile(join(this.dir, 'cgroups'), 'utf8').catch(() => '');
    return text.split('\n').filter(Boolean);
  }

  async recordNetns(path: string, createdName: string | null): Promise<void> {
    await writeFile(join(this.dir, 'netns'), createdName === null ? path : `${path} ${createdName}`);
  }

  async netnsPath(): Promise<string | null> {
    return (await this.readNetns())[0] ?? null;
  }

  /** Name of the netns the driver created for this job, or null when the lab supplied it. */
  async createdNetns(): Promise<string | null> {
    return (await this.readNetns())[1] ?? null;
  }

  private async readNetns(): Promise<string[]> {
    const text = await readFile(join(this.dir, 'netns'), 'utf8').catch(() => '');
    return text.trim().split(' ').filter(Boolean);
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** Start time of a process in clock ticks since boot, or null when it does not exist. */
export async function processStartTime(pid: number): Promise<number | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) return null;
  // The command name (field 2) may contain spaces and parentheses: parse after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[19]);
}
