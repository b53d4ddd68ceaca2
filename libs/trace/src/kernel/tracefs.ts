/**
 * A private tracefs instance (Documentation/trace/ftrace.rst §"Instances"): its own ring
 * buffer, clock, event enables and filters, so a lab job never touches the top-level
 * tracing settings or other jobs' instances.
 *
 * Its files are read and written asynchronously: some writes make the kernel reset or
 * reallocate the ring buffers and wait for every CPU (trace_clock ~20 ms, buffer_size_kb
 * ~10 ms, rmdir of the instance 25-55 ms here), which would otherwise stall the event loop
 * that also runs the lab's network and its other scenarios.
 */
import { closeSync, existsSync, writeFileSync } from 'node:fs';
import { access, mkdir, readFile, readdir, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TraceError } from '../errors';

const TRACEFS_MOUNTS = ['/sys/kernel/tracing', '/sys/kernel/debug/tracing'];

/** The mounted tracefs root, or a 'trace/tracefs-unavailable' error saying how to mount it. */
export function locateTracefs(candidates: readonly string[] = TRACEFS_MOUNTS): string {
  for (const root of candidates) {
    if (existsSync(join(root, 'instances')) && existsSync(join(root, 'events', 'header_page'))) return root;
  }
  throw new TraceError(
    'trace/tracefs-unavailable',
    `tracefs is not mounted (looked in ${candidates.join(', ')}); run 'mount -t tracefs nodev /sys/kernel/tracing' as root`,
  );
}

export class TracefsInstance {
  private readonly openFds = new Set<number>();

  private constructor(
    readonly root: string,
    readonly name: string,
    readonly path: string,
  ) {}

  /** Creates instances/<name>; refuses to adopt an existing one (it may belong to another job). */
  static async create(root: string, name: string): Promise<TracefsInstance> {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(name)) {
      throw new TraceError(
        'trace/instance-name-invalid',
        `tracefs instance name ${JSON.stringify(name)} is not a plain name`,
      );
    }
    const path = join(root, 'instances', name);
    try {
      await mkdir(path);
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'EEXIST') throw alreadyExists(path);
      throw new TraceError('trace/tracefs-unavailable', `cannot create ${path}: ${(cause as Error).message}`);
    }
    return new TracefsInstance(root, name, path);
  }

  /** Reads a file of the top-level tracefs (formats and headers are shared by all instances). */
  readGlobal(relative: string): Promise<string> {
    return readFile(join(this.root, relative), 'utf8');
  }

  read(relative: string): Promise<string> {
    return readFile(join(this.path, relative), 'utf8');
  }

  write(relative: string, value: string): Promise<void> {
    return writeFile(join(this.path, relative), value);
  }

  /** For the few writes that must take effect before the caller's next statement (tracing_on=0, which is fast). */
  writeNow(relative: string, value: string): void {
    writeFileSync(join(this.path, relative), value);
  }

  has(relative: string): Promise<boolean> {
    return access(join(this.path, relative)).then(
      () => true,
      () => false,
    );
  }

  async cpus(): Promise<number[]> {
    return (await readdir(join(this.path, 'per_cpu')))
      .map((d) => /^cpu(\d+)$/.exec(d)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
  }

  trackFd(fd: number): number {
    this.openFds.add(fd);
    return fd;
  }

  /** Closes our files at once, then turns the instance off and removes it; safe to call twice. */
  remove(): Promise<void> {
    for (const fd of this.openFds) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    }
    this.openFds.clear();
    this.removal ??= this.removeDirectory();
    return this.removal;
  }

  private removal: Promise<void> | undefined;

  private async removeDirectory(): Promise<void> {
    if (!existsSync(this.path)) return;
    try {
      await this.write('tracing_on', '0');
      await this.write('events/enable', '0');
    } catch {
      // the instance is being removed anyway
    }
    try {
      await rmdir(this.path);
    } catch (cause) {
      throw new TraceError(
        'trace/instance-remove-failed',
        `cannot remove tracefs instance ${this.path}: ${(cause as Error).message} (rmdir it)`,
        cause,
      );
    }
  }
}

function alreadyExists(path: string): TraceError {
  return new TraceError(
    'trace/instance-exists',
    `tracefs instance ${path} already exists; another job uses it, or a crashed job left it (rmdir it)`,
  );
}
