/**
 * One interop lab: a namespace `sli-<tag>` whose only interface is a TAP (kernel side
 * 10.204.<subnet>.1/24), and on the runner side of that TAP our netstack Host
 * (10.204.<subnet>.2) driven by a LiveDriver. Frames pass through a FrameGate in both
 * directions. `dispose()` removes the namespace and the TAP, also after a failure.
 */
import { execFileSync } from 'node:child_process';
import { LabNamespace, TapDevice } from '@socklab/labnet';
import {
  Host,
  LiveDriver,
  parseIpv4,
  parseMac,
  ScriptedPeer,
  type TcpConfig,
  type TcpState,
  type TcpTransition,
} from '@socklab/netstack';
import { parseSsOutput, type SsSocket } from '@socklab/trace';
import { FrameGate } from './frame-gate';
import { KernelSocket } from './kernel-socket';

export const LAB_PREFIX = 'sli';

export interface InteropLabOptions {
  /** 1-8 characters; the namespace is `sli-<tag>`, the TAP `sli-<tag>-t`. */
  tag: string;
  /** Third octet of 10.204.x.0/24; unique per test file. */
  subnet: number;
  mtu?: number;
  tcpConfig?: Partial<TcpConfig>;
}

export class InteropLab {
  readonly gate: FrameGate;
  readonly peer: ScriptedPeer;
  readonly kernelAddr: string;
  readonly stackAddr: string;
  private readonly kernelSockets: KernelSocket[] = [];

  private constructor(
    readonly ns: LabNamespace,
    readonly tap: TapDevice,
    readonly host: Host,
    readonly driver: LiveDriver,
    /** Every state transition of our stack's sockets, in order. */
    readonly transitions: TcpTransition[],
    subnet: number,
  ) {
    this.kernelAddr = `10.204.${subnet}.1`;
    this.stackAddr = `10.204.${subnet}.2`;
    this.peer = new ScriptedPeer(host, driver);
    this.gate = new FrameGate((dir, frame) => {
      if (dir === 'toKernel') {
        if (this.tap.isOpen) this.tap.send(frame);
      } else {
        this.host.receiveFrame(this.driver.now(), frame);
        this.driver.kick();
      }
    });
  }

  static async create(options: InteropLabOptions): Promise<InteropLab> {
    const name = `${LAB_PREFIX}-${options.tag}`;
    const mtu = options.mtu ?? 1500;
    const ns = await LabNamespace.create(name);
    try {
      const tap = await TapDevice.create({ name: `${name}-t` });
      // adoptTap hands the TAP to the namespace, so ns.dispose() closes it even if configuring fails.
      await ns.adoptTap(tap, { addr: `10.204.${options.subnet}.1/24`, mtu });
      await ns.exec('sysctl', ['-q', '-w', `net.ipv6.conf.all.disable_ipv6=1`]);
      const driver = new LiveDriver();
      const transitions: TcpTransition[] = [];
      const host = new Host({
        name: 'netstack',
        mac: parseMac(`02:cc:04:${hex(options.subnet)}:00:02`),
        addr: parseIpv4(`10.204.${options.subnet}.2`),
        prefixLength: 24,
        mtu,
        tcpConfig: options.tcpConfig,
        tcpHooks: { onTransition: (t) => transitions.push(t) },
      });
      driver.add(host);
      const lab = new InteropLab(ns, tap, host, driver, transitions, options.subnet);
      host.setTransmit((frame, now) => lab.gate.pass('toKernel', frame, now));
      tap.onFrames((frames) => {
        const now = driver.now();
        for (const frame of frames) lab.gate.pass('toStack', frame, now);
      });
      return lab;
    } catch (error) {
      await ns.dispose();
      throw error;
    }
  }

  /** A kernel socket controller in the namespace; killed by dispose(). */
  async kernelSocket(): Promise<KernelSocket> {
    const socket = await KernelSocket.start(this.ns);
    this.kernelSockets.push(socket);
    return socket;
  }

  /** The namespace's TCP sockets (`ss -tanoi`), parsed. */
  async ss(): Promise<SsSocket[]> {
    const { stdout } = await this.ns.exec('ss', ['-H', '-t', '-a', '-n', '-o', '-i']);
    return parseSsOutput(stdout);
  }

  /** Polls `ss` until a socket satisfies `predicate`; resolves with it. */
  async waitForKernel(
    what: string,
    predicate: (socket: SsSocket) => boolean,
    timeoutMs = 5000,
  ): Promise<SsSocket> {
    const deadline = Date.now() + timeoutMs;
    let last: SsSocket[] = [];
    for (;;) {
      last = await this.ss();
      const found = last.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) {
        const seen = last.map((s) => `${s.ssState} ${s.local.port}->${s.peer.port}`).join(', ');
        throw new Error(`timed out after ${timeoutMs} ms waiting for kernel ${what}; ss shows [${seen}]`);
      }
      await pause(20);
    }
  }

  /** Waits until the lab's own clock-free condition holds (checked every 5 ms). */
  async until(what: string, predicate: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await pause(5);
    }
  }

  /** States our stack went through on connections to/from `port` (either end). */
  statesOf(port: number): Array<{ from: TcpState; to: TcpState; cause: string }> {
    return this.transitions
      .filter((t) => t.conn.local.port === port || t.conn.remote.port === port)
      .map(({ from, to, cause }) => ({ from, to, cause }));
  }

  async dispose(): Promise<void> {
    for (const socket of this.kernelSockets) socket.kill();
    this.driver.stop();
    await this.ns.dispose();
  }
}

/**
 * Which of the given labs' namespaces and TAPs still exist. Scoped by tag, because other
 * test files run their own labs in parallel.
 */
export function leftovers(...tags: string[]): { namespaces: string[]; taps: string[] } {
  const mine = (name: string) =>
    tags.some((tag) => name === `${LAB_PREFIX}-${tag}` || name === `${LAB_PREFIX}-${tag}-t`);
  const namespaces = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter(mine);
  const taps = execFileSync('ip', ['-o', 'link', 'show', 'type', 'tun'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.split(': ')[1]?.split('@')[0] ?? '')
    .filter(mine);
  return { namespaces, taps };
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function hex(n: number): string {
  return n.toString(16).padStart(2, '0');
}
