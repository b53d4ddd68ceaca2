/**
 * The userspace network of one scenario: a learning switch with one TAP port per learner
 * host (the TAP lives in that host's sandbox netns, addressed on-link with no other
 * route, so nothing can leave the lab) and one in-process port per scripted peer
 * (netstack Host on the monotonic LiveDriver). The capture tap sees every port.
 *
 * Ownership: everything created here is released by `dispose()`, which tolerates partial
 * setup and never throws for a resource that is already gone.
 */
import {
  LabAddressPool,
  LearningSwitch,
  TapDevice,
  configureInterface,
  connectTap,
  type LabAddressBlock,
} from '@socklab/labnet';
import {
  Host,
  LiveDriver,
  ScriptedPeer,
  formatIpv4,
  parseIpv4,
  parseMac,
  type TcpConfig,
  type TcpTransition,
} from '@socklab/netstack';
import type { Peer } from '@socklab/exercise';
import type { SandboxDriver } from '@socklab/sandbox';
import type { NetstackTransitionInput } from '@socklab/trace';
import { LabError, describe } from '../errors';
import type { CaptureRecorder } from './capture-recorder';
import { waitUntilLinkTransmits } from './link-ready';
import { netnsHandle, type NetnsHandle } from './netns-handle';
import { applySysctls, type Sysctls } from './sysctls';

/**
 * Lab addresses for every job on this host (ARCHITECTURE: 10.210.0.0/16, one /24 per
 * scenario), leased host-wide: every process running labs here (runners, CLI runs, test
 * workers) sees every lab's kernel tracepoints, which the trace attributes by address.
 */
const ADDRESS_POOL = new LabAddressPool({
  pool: '10.210.0.0/16',
  subnetPrefix: 24,
  leaseDir: '/run/socklab/lab-subnets',
});
/** Link-up normally completes within a second (link-ready.ts); a loaded runner gets more. */
const LINK_READY_TIMEOUT_MS = 5_000;
/**
 * Frames a peer holds per address while ARP resolves (Linux: unres_qlen 101). A burst of
 * connection attempts starts before the learner's MAC is known; the netstack's default of
 * 32 would drop the rest and turn them into retransmissions no exercise asked for.
 */
const PEER_ARP_QUEUE_LIMIT = 256;

export interface LearnerSlot {
  host: string;
  /** Sandbox job id of this host's processes in this scenario. */
  sandboxJobId: string;
  tapName: string;
  addr: string;
  portId: number;
  netns: string;
}

export interface PeerSlot {
  host: string;
  addr: string;
  portId: number;
  peer: ScriptedPeer;
}

export interface LabNetworkOptions {
  sandbox: SandboxDriver;
  learners: readonly { host: string; sandboxJobId: string; tapName: string; sysctls?: Sysctls }[];
  peers: readonly Peer[];
  seed: number;
  capture: CaptureRecorder;
  /** Called on each netstack transition and whenever frames reached a peer. */
  onPeerTransition: (host: string, transition: NetstackTransitionInput) => void;
  onChange: () => void;
}

export class LabNetwork {
  readonly lanSwitch = new LearningSwitch();
  readonly clock = new LiveDriver();
  /** process.hrtime at the LiveDriver's origin: netstack ms → CLOCK_MONOTONIC ns. */
  private readonly clockOriginNs = process.hrtime.bigint();
  readonly learners: LearnerSlot[] = [];
  readonly peers: PeerSlot[] = [];
  private block: (LabAddressBlock & { release(): void }) | null = null;
  private readonly taps: TapDevice[] = [];
  private readonly unplugs: (() => void)[] = [];
  private readonly preparedJobs: string[] = [];
  private readonly netnsHandles: NetnsHandle[] = [];
  private removeCaptureHook: (() => void) | null = null;

  private constructor(private readonly options: LabNetworkOptions) {}

  /** Builds the network; on failure everything built so far is disposed and 'lab/network-setup-failed' thrown. */
  static async create(options: LabNetworkOptions): Promise<LabNetwork> {
    const network = new LabNetwork(options);
    try {
      await network.setUp();
      return network;
    } catch (error) {
      await network.dispose();
      if (error instanceof LabError) throw error;
      throw new LabError('lab/network-setup-failed', `cannot set up the lab network: ${describe(error)}`, {
        cause: error,
      });
    }
  }

  /** Host name (learner and peer) → IPv4 address. */
  get hostAddresses(): Record<string, string> {
    return Object.fromEntries([...this.learners, ...this.peers].map((slot) => [slot.host, slot.addr]));
  }

  nsFromNow(ms: number): bigint {
    return this.clockOriginNs + BigInt(Math.round(ms * 1e6));
  }

  peer(host: string): ScriptedPeer | undefined {
    return this.peers.find((slot) => slot.host === host)?.peer;
  }

  learner(host: string): LearnerSlot | undefined {
    return this.learners.find((slot) => slot.host === host);
  }

  private async setUp(): Promise<void> {
    const { options } = this;
    this.block = ADDRESS_POOL.allocate();
    const block = this.block;
    this.removeCaptureHook = this.lanSwitch.addFrameHook(options.capture.hook);
    let hostNumber = 0;
    for (const learner of options.learners) {
      const n = ++hostNumber;
      const portId = n;
      const prepared = await options.sandbox.prepare(learner.sandboxJobId, { network: 'job' });
      this.preparedJobs.push(learner.sandboxJobId);
      if (prepared.netnsPath === null) {
        throw new Error(
          `the ${options.sandbox.name} driver prepared ${learner.sandboxJobId} without a network namespace`,
        );
      }
      const handle = await netnsHandle(prepared.netnsPath, `${learner.tapName}-ns`);
      this.netnsHandles.push(handle);
      await applySysctls(handle.name, learner.sysctls ?? {});
      const tap = await TapDevice.create({ name: learner.tapName });
      this.taps.push(tap);
      await tap.moveToNetns(handle.name);
      // On-link /24 only: no default route, so the program can reach nothing but the lab.
      // No exercise uses IPv6: without it the kernel sends nothing the exercise did not ask
      // for (duplicate address detection, MLD reports, router solicitations) into the capture.
      await configureInterface(handle.name, tap.name, {
        addr: block.hostCidr(n),
        mac: block.mac(n),
        mtu: 1500,
        ipv6: false,
      });
      await waitUntilLinkTransmits(tap, block.host(n), LINK_READY_TIMEOUT_MS);
      options.capture.addPort({
        id: portId,
        name: learner.host,
        description: `learner ${learner.host} (${tap.name})`,
        learner: true,
      });
      this.unplugs.push(connectTap(this.lanSwitch, tap, portId));
      this.learners.push({ ...learner, addr: block.host(n), portId, netns: handle.name });
    }
    for (const peerSpec of options.peers) {
      const n = ++hostNumber;
      this.addPeer(peerSpec, n, block);
    }
  }

  private addPeer(spec: Peer, n: number, block: LabAddressBlock): void {
    const { options, clock } = this;
    const portId = n;
    options.capture.addPort({
      id: portId,
      name: spec.name,
      description: `scripted peer ${spec.name}`,
      learner: false,
    });
    let input: (frame: Uint8Array) => void = () => undefined;
    const host = new Host({
      name: spec.name,
      mac: parseMac(block.mac(n)),
      addr: parseIpv4(block.host(n)),
      prefixLength: block.prefixLength,
      transmit: (frame) => input(frame),
      arp: { queueLimit: PEER_ARP_QUEUE_LIMIT },
      tcpConfig: tcpConfigOf(spec, options.seed + n),
      tcpHooks: {
        onTransition: (transition) => options.onPeerTransition(spec.name, this.transitionInput(transition)),
      },
    });
    input = this.lanSwitch.attach({
      id: portId,
      name: spec.name,
      // receiveFrame takes ownership of the bytes; the switch may hand the same frame to several ports.
      deliver: (frame) => {
        host.receiveFrame(clock.now(), frame.slice());
        clock.kick();
        options.onChange();
      },
    });
    this.unplugs.push(() => this.lanSwitch.detach(portId));
    clock.add(host);
    this.peers.push({ host: spec.name, addr: block.host(n), portId, peer: new ScriptedPeer(host, clock) });
  }

  private transitionInput(transition: TcpTransition): NetstackTransitionInput {
    const { conn } = transition;
    return {
      tNs: this.nsFromNow(transition.t),
      local: { addr: formatIpv4(conn.local.addr), port: conn.local.port },
      remote: { addr: formatIpv4(conn.remote.addr), port: conn.remote.port },
      from: transition.from,
      to: transition.to,
      cause: transition.cause,
    };
  }

  /**
   * Unplugs and closes every TAP, stops the peers' clock, removes netns names we attached,
   * reaps the learner sandbox jobs (their processes, cgroups and netns) and returns the
   * addresses. Returns the failures instead of throwing, so teardown always completes.
   */
  async dispose(): Promise<string[]> {
    const failures: string[] = [];
    this.removeCaptureHook?.();
    for (const unplug of this.unplugs.splice(0)) unplug();
    this.clock.stop();
    for (const tap of this.taps.splice(0)) {
      await tap
        .close()
        .catch((error: unknown) => failures.push(`closing TAP ${tap.name}: ${describe(error)}`));
    }
    for (const handle of this.netnsHandles.splice(0)) {
      await handle
        .release()
        .catch((error: unknown) => failures.push(`releasing netns ${handle.name}: ${describe(error)}`));
    }
    for (const jobId of this.preparedJobs.splice(0)) {
      await this.options.sandbox
        .reap(jobId)
        .catch((error: unknown) => failures.push(`reaping sandbox job ${jobId}: ${describe(error)}`));
    }
    this.block?.release();
    this.block = null;
    return failures;
  }
}

function tcpConfigOf(peer: Peer, seed: number): Partial<TcpConfig> {
  const tcp = peer.tcp;
  const config: Partial<TcpConfig> = { isn: { kind: 'seeded', seed } };
  if (tcp.mss !== undefined) config.mss = tcp.mss;
  if (tcp.receiveBuffer !== undefined) config.receiveBufferSize = tcp.receiveBuffer;
  if (tcp.sendBuffer !== undefined) config.sendBufferSize = tcp.sendBuffer;
  if (tcp.windowScale !== undefined) config.windowScale = tcp.windowScale;
  if (tcp.delayedAck !== undefined) config.delayedAck = tcp.delayedAck;
  if (tcp.initialRto !== undefined) config.initialRto = tcp.initialRto;
  if (tcp.minRto !== undefined) config.minRto = tcp.minRto;
  if (tcp.maxRto !== undefined) config.maxRto = tcp.maxRto;
  if (tcp.maxRetransmissions !== undefined) config.maxRetransmissions = tcp.maxRetransmissions;
  if (tcp.timeWait !== undefined) config.timeWait = tcp.timeWait;
  if (tcp.keepalive !== undefined) config.keepalive = tcp.keepalive;
  return config;
}
