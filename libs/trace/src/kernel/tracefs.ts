/**
 * A private tracefs instance (Documentation/trace/ftrace.rst §"Instances"): its own ring
 * buffer, clock, event enables and filters, so a lab job never touches the top-level
 * tracing settings or other jobs' instances.
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmdirSync,
  writeFileSync,
} from 'node:fs';
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
  static create(root: string, name: string): TracefsInstance {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(name)) {
      throw new TraceError(
        'trace/instance-name-invalid',
        `tracefs instance name ${JSON.stringify(name)} is not a plain name`,
      );
    }
    const path = join(root, 'instances', name);
    if (existsSync(path)) {
      throw new TraceError(
        'trace/instance-exists',
        `tracefs instance ${path} already exists; another job uses it, or a crashed job left it (rmdir it)`,
      );
    }
    try {
      mkdirSync(path);
    } catch (cause) {
      throw new TraceError('trace/tracefs-unavailable', `cannot create ${path}: ${(cause as Error).message}`);
    }
    return new TracefsInstance(root, name, path);
  }

  /** Reads a file of the top-level tracefs (formats and headers are shared by all instances). */
  readGlobal(relative: string): string {
    return readFileSync(join(this.root, relative), 'utf8');
  }

  read(relative: string): string {
    return readFileSync(join(this.path, relative), 'utf8');
  }

  write(relative: string, value: string): void {
    writeFileSync(join(this.path, relative), value);
  }

  has(relative: string): boolean {
    return existsSync(join(this.path, relative));
  }

  cpus(): number[] {
    return readdirSync(join(this.path, 'per_cpu'))
      .map((d) => /^cpu(\d+)$/.exec(d)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
  }

  trackFd(fd: number): number {
    this.openFds.add(fd);
    return fd;
  }

  /** Closes our files, turns the instance off and removes it; safe to call twice. */
  remove(): void {
    for (const fd of this.openFds) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    }
    this.openFds.clear();
    if (!existsSync(this.path)) return;
    try {
      this.write('tracing_on', '0');
      this.write('events/enable', '0');
    } catch {
      // the instance is being removed anyway
    }
    rmdirSync(this.path);
  }
}
