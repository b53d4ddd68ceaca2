/**
 * A TAP device owned by the runner. The runner keeps the fd; the interface itself can be
 * moved into a lab namespace and stays attached to this fd (a netns move does not detach
 * a tun file, Documentation/networking/tuntap.rst). Closing the fd deletes the interface.
 */
import { close as closeFd } from 'node:fs';
import { LabnetError } from '../errors';
import { libc } from '../sys/libc';
import { openNetns } from '../netns/enter-netns';
import { linkChangeRequest } from '../netlink/rtnetlink-message';
import { NETLINK_ROUTE, NetlinkSocket } from '../netlink/netlink-socket';
import { FrameIoHub } from './frame-io-hub';
import { openTap } from './open-tap';

export interface TapDeviceOptions {
  /** Interface name in the runner's namespace, 1-15 characters; lab names start with 'slq'. */
  readonly name: string;
  /** Hub whose worker reads this device; defaults to the process-wide hub. */
  readonly hub?: FrameIoHub;
  /** Frames held while the kernel queue is full (EAGAIN) before further frames are dropped. */
  readonly maxQueuedFrames?: number;
}

export type FramesListener = (frames: Uint8Array[]) => void;

export interface TapStats {
  readonly rxFrames: number;
  readonly txFrames: number;
  /** Frames dropped because the kernel queue stayed full past maxQueuedFrames. */
  readonly txQueueDrops: number;
  /** Frames the kernel refused (EIO while the interface is down: a cable unplugged). */
  readonly txRefused: number;
}

export class TapDevice {
  private readonly listeners = new Set<FramesListener>();
  private readonly errorListeners = new Set<(error: LabnetError) => void>();
  private readonly backlog: Uint8Array[] = [];
  private retryScheduled = false;
  private closed = false;
  private closing: Promise<void> | undefined;
  private netnsName: string | undefined;
  private counters = { rxFrames: 0, txFrames: 0, txQueueDrops: 0, txRefused: 0 };

  private constructor(
    readonly name: string,
    readonly fd: number,
    private readonly hub: FrameIoHub,
    private readonly deviceId: number,
    private readonly maxQueuedFrames: number,
  ) {}

  static async create(options: TapDeviceOptions): Promise<TapDevice> {
    const hub = options.hub ?? FrameIoHub.shared();
    const opened = openTap(options.name);
    let device: TapDevice | undefined;
    try {
      const deviceId = await hub.register(opened.fd, {
        onFrames: (frames) => device?.receive(frames),
        onError: (error) => device?.fail(error),
      });
      device = new TapDevice(opened.name, opened.fd, hub, deviceId, options.maxQueuedFrames ?? 4096);
      return device;
    } catch (error) {
      libc().close(opened.fd);
      throw error;
    }
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** The namespace the interface was moved into, if any. */
  get netns(): string | undefined {
    return this.netnsName;
  }

  get stats(): TapStats {
    return { ...this.counters };
  }

  /**
   * What `ip link set dev NAME netns NS` does, through rtnetlink (IFLA_NET_NS_FD): the
   * interface leaves the runner's namespace. `netns` is a name under /run/netns or a path.
   */
  async moveToNetns(netns: string): Promise<void> {
    this.assertOpen();
    const index = libc().ifNameToIndex(this.name);
    if (index === 0) {
      throw new LabnetError('labnet/netlink-failed', `TAP '${this.name}' is not in the runner's namespace.`);
    }
    const netnsFd = openNetns(netns);
    const socket = NetlinkSocket.open(NETLINK_ROUTE);
    try {
      const seq = socket.nextSeq();
      socket.request(
        seq,
        linkChangeRequest(seq, { index, netnsFd }),
        `Moving TAP '${this.name}' to ${netns}`,
      );
    } finally {
      socket.close();
      libc().close(netnsFd);
    }
    this.netnsName = netns;
  }

  /** Subscribes to frames the kernel transmits on this interface; returns unsubscribe. */
  onFrames(listener: FramesListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reports when frame reading stops for good (the device was deleted under us). */
  onError(listener: (error: LabnetError) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  /** Hands a frame to the kernel as if it arrived on the wire. Never blocks. */
  send(frame: Uint8Array): void {
    this.assertOpen();
    if (this.backlog.length > 0) {
      this.enqueue(frame);
      return;
    }
    this.writeNow(frame);
  }

  sendBatch(frames: readonly Uint8Array[]): void {
    for (const frame of frames) this.send(frame);
  }

  /**
   * Stops reading, closes the fd (deleting the interface) and drops queued frames. The
   * close(2) runs on the libuv threadpool: deleting a tun interface waits for RCU grace
   * periods in the kernel (10-35 ms measured), which would otherwise stall the event loop.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed = true;
      this.backlog.length = 0;
      await this.hub.unregister(this.deviceId);
      await new Promise<void>((resolve) => closeFd(this.fd, () => resolve()));
      this.listeners.clear();
      this.errorListeners.clear();
    })();
    return this.closing;
  }

  private writeNow(frame: Uint8Array): void {
    const outcome = this.hub.writeFrame(this.fd, frame);
    if (outcome === 'written') this.counters.txFrames++;
    else if (outcome === 'link-down') this.counters.txRefused++;
    else this.enqueue(frame);
  }

  private enqueue(frame: Uint8Array): void {
    if (this.backlog.length >= this.maxQueuedFrames) {
      this.counters.txQueueDrops++;
      return;
    }
    this.backlog.push(frame.slice());
    if (!this.retryScheduled) {
      this.retryScheduled = true;
      setImmediate(() => this.flushBacklog());
    }
  }

  private flushBacklog(): void {
    this.retryScheduled = false;
    if (this.closed) return;
    while (this.backlog.length > 0) {
      const outcome = this.hub.writeFrame(this.fd, this.backlog[0]);
      if (outcome === 'queue-full') break;
      this.backlog.shift();
      if (outcome === 'written') this.counters.txFrames++;
      else this.counters.txRefused++;
    }
    if (this.backlog.length > 0) {
      this.retryScheduled = true;
      setTimeout(() => this.flushBacklog(), 1);
    }
  }

  private receive(frames: Uint8Array[]): void {
    if (this.closed) return;
    this.counters.rxFrames += frames.length;
    for (const listener of this.listeners) listener(frames);
  }

  private fail(error: LabnetError): void {
    for (const listener of this.errorListeners) listener(error);
  }

  private assertOpen(): void {
    if (this.closed) {
      throw new LabnetError('labnet/tap-closed', `TAP '${this.name}' is closed; create a new TapDevice.`);
    }
  }
}
