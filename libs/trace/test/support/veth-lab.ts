/**
 * Two network namespaces joined by a veth pair, for tests that need real kernel sockets.
 * Names carry the 'slr' prefix and a per-process suffix; subnet 10.202.<octet>.0/24.
 * teardown() removes both namespaces (which destroys the veth) and is safe after a failed setup.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';

export interface VethLab {
  client: { ns: string; addr: string; ifname: string };
  server: { ns: string; addr: string; ifname: string };
  teardown(): void;
}

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** `octet` keeps concurrently running test files on distinct addresses (10.202.<octet>.1/.2). */
export function createVethLab(tag: string, octet: number): VethLab {
  const suffix = `${tag}${process.pid % 10000}`;
  const lab: VethLab = {
    client: { ns: `slr-c${suffix}`, addr: `10.202.${octet}.1`, ifname: `slr-c${suffix}`.slice(0, 15) },
    server: { ns: `slr-s${suffix}`, addr: `10.202.${octet}.2`, ifname: `slr-s${suffix}`.slice(0, 15) },
    teardown() {
      for (const ns of [lab.client.ns, lab.server.ns]) {
        try {
          ip('netns', 'del', ns);
        } catch {
          // not created
        }
      }
    },
  };
  try {
    ip('netns', 'add', lab.client.ns);
    ip('netns', 'add', lab.server.ns);
    ip(
      'link',
      'add',
      lab.client.ifname,
      'netns',
      lab.client.ns,
      'type',
      'veth',
      'peer',
      'name',
      lab.server.ifname,
      'netns',
      lab.server.ns,
    );
    for (const side of [lab.client, lab.server]) {
      ip('-n', side.ns, 'link', 'set', 'lo', 'up');
      ip('-n', side.ns, 'addr', 'add', `${side.addr}/24`, 'dev', side.ifname);
      ip('-n', side.ns, 'link', 'set', side.ifname, 'up');
    }
  } catch (error) {
    lab.teardown();
    throw error;
  }
  return lab;
}

/** Runs `python3 -c code` inside `ns`; resolves with stdout when it exits 0. */
export function runPython(ns: string, code: string, args: string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('ip', ['netns', 'exec', ns, PYTHON3, '-c', code, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    collect(child, resolve, reject);
  });
}

export function collect(
  child: ChildProcess,
  resolve: (out: string) => void,
  reject: (e: Error) => void,
): void {
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  child.on('error', reject);
  child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${err}`))));
}

/** Polls `check` every 10 ms until it returns a value or `timeoutMs` passes. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The real interpreter, not a version-manager shim (shims fork helpers that would pollute strace output). */
export const PYTHON3 = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], {
  encoding: 'utf8',
}).trim();
