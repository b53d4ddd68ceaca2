/**
 * A network namespace created for one lab (ip-netns(8)). It owns what was created for
 * it — processes spawned inside, TAP devices moved in, veth ends — and `dispose()` removes
 * all of it, also after partial failures. Deleting the namespace destroys the interfaces
 * still in it (veth peers included); TAPs are closed first so their fds do not linger.
 */
import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';
import { LabnetError } from '../errors';
import { assertInterfaceName } from '../tap/interface-name';
import { TapDevice } from '../tap/tap-device';
import { bringUpLoopback, configureInterface, InterfaceConfig } from './configure-interface';
import { CommandResult, runCommand, runIp } from './run-ip';

export class LabNamespace {
  private readonly processes = new Set<ChildProcess>();
  private readonly taps = new Set<TapDevice>();
  private disposed = false;

  private constructor(readonly name: string) {}

  /** `ip netns add NAME` and bring loopback up. Fails if the namespace already exists. */
  static async create(name: string): Promise<LabNamespace> {
    assertInterfaceName(name);
    await runIp(['netns', 'add', name]);
    const ns = new LabNamespace(name);
    try {
      await bringUpLoopback(name);
    } catch (error) {
      await ns.dispose();
      throw error;
    }
    return ns;
  }

  /** Runs a command inside the namespace and waits for it (`ip netns exec`). */
  exec(file: string, args: readonly string[], timeoutMs = 10_000): Promise<CommandResult> {
    this.assertLive();
    return runCommand('ip', ['netns', 'exec', this.name, file, ...args], timeoutMs);
  }

  /**
   * Starts a long-running process inside the namespace. `ip netns exec` execs the
   * command in place, so the child's pid is the command's pid; dispose() kills it.
   */
  spawn(file: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
    this.assertLive();
    const child = spawn('ip', ['netns', 'exec', this.name, file, ...args], options);
    this.processes.add(child);
    child.once('exit', () => this.processes.delete(child));
    return child;
  }

  /** Moves `tap` into this namespace, configures it, and takes ownership of it. */
  async adoptTap(tap: TapDevice, config: InterfaceConfig): Promise<void> {
    this.assertLive();
    this.taps.add(tap);
    await tap.moveToNetns(this.name);
    await configureInterface(this.name, tap.name, config);
  }

  configure(interfaceName: string, config: InterfaceConfig): Promise<void> {
    this.assertLive();
    return configureInterface(this.name, interfaceName, config);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const failures: unknown[] = [];
    await Promise.all([...this.processes].map((child) => killAndWait(child)));
    for (const tap of this.taps) await tap.close().catch((error: unknown) => failures.push(error));
    await runIp(['netns', 'del', this.name]).catch((error: unknown) => failures.push(error));
    if (failures.length > 0) {
      throw new LabnetError(
        'labnet/ip-command-failed',
        `Disposing namespace '${this.name}' left resources behind; see cause.`,
        {
          cause: failures.length === 1 ? failures[0] : new AggregateError(failures),
        },
      );
    }
  }

  private assertLive(): void {
    if (this.disposed)
      throw new LabnetError('labnet/netns-disposed', `Namespace '${this.name}' was disposed.`);
  }
}

/**
 * Creates a veth pair with each end placed directly in its namespace, so neither end
 * ever exists in the runner's namespace (ip-link(8) "type veth peer name ... netns ...").
 */
export async function createVethPair(
  a: { readonly ns: LabNamespace; readonly name: string },
  b: { readonly ns: LabNamespace; readonly name: string },
): Promise<void> {
  assertInterfaceName(a.name);
  assertInterfaceName(b.name);
  await runIp([
    '-n',
    a.ns.name,
    'link',
    'add',
    a.name,
    'type',
    'veth',
    'peer',
    'name',
    b.name,
    'netns',
    b.ns.name,
  ]);
}

function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
