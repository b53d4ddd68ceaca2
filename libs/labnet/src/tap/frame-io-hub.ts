/**
 * Main-thread side of frame I/O: owns one worker that reads every registered TAP fd,
 * dispatches the worker's frame batches to per-device listeners, and writes frames
 * directly with non-blocking write(2).
 *
 * Lifetime: the worker starts with the first registered device and stops when the last
 * one is unregistered — or, with `idleStopMs`, that long after it, so consecutive labs
 * reuse one worker. An idle worker is unref'd and a process 'exit' hook wakes it, so it
 * never keeps the process alive nor blocks its exit (a worker parked in poll() would).
 */
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { LabnetError } from '../errors';
import { describeErrno, EAGAIN, EFD_CLOEXEC, EFD_NONBLOCK, EINTR, EIO, libc } from '../sys/libc';
import { spawnModuleWorker } from '../sys/module-worker';
import {
  CONTROL_BATCHES_IN_FLIGHT,
  CONTROL_COMMANDS_POSTED,
  CONTROL_STOP,
  CONTROL_WORDS,
  FrameIoWorkerData,
  MAX_BATCHES_IN_FLIGHT,
  MAX_FRAME_BYTES,
  MainToWorker,
  WorkerToMain,
} from './frame-io-protocol';

export interface FrameIoDevice {
  /** Frames read from the device, in arrival order; the views stay valid after the call. */
  onFrames(frames: Uint8Array[]): void;
  /** The worker stopped reading the device (read error, hang-up). */
  onError(error: LabnetError): void;
}

export interface FrameIoHubOptions {
  /** Bytes gathered per batch message (default 256 KiB, at least one maximum frame). */
  readonly batchBytes?: number;
  /** Frames read from one device per poll round (default 256). */
  readonly framesPerDeviceRound?: number;
  /** How long the worker outlives the last device (default 0: it stops with it). */
  readonly idleStopMs?: number;
}

/** The shared hub's worker outlives a lab by this much, so the next lab finds it running. */
const SHARED_IDLE_STOP_MS = 30_000;

export type WriteOutcome = 'written' | 'queue-full' | 'link-down';

interface Running {
  readonly worker: Worker;
  readonly control: Int32Array;
  readonly wakeFd: number;
  readonly exited: Promise<void>;
}

const WAKE_VALUE = new Uint8Array(new BigUint64Array([1n]).buffer);

export class FrameIoHub {
  private static sharedHub: FrameIoHub | undefined;
  private readonly devices = new Map<number, FrameIoDevice>();
  private readonly pendingUnwatch = new Map<number, () => void>();
  private running: Running | undefined;
  private stopping: Promise<void> | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private nextDeviceId = 1;

  constructor(private readonly options: FrameIoHubOptions = {}) {}

  /** The process-wide hub: one worker for every TAP of every lab on this runner. */
  static shared(): FrameIoHub {
    FrameIoHub.sharedHub ??= new FrameIoHub({ idleStopMs: SHARED_IDLE_STOP_MS });
    return FrameIoHub.sharedHub;
  }

  /** Whether the worker thread exists (it stops when the last device is unregistered, or idleStopMs later). */
  get workerRunning(): boolean {
    return this.running !== undefined;
  }

  get deviceCount(): number {
    return this.devices.size;
  }

  /** Starts reading `fd`; returns the id that `unregister` takes. */
  async register(fd: number, device: FrameIoDevice): Promise<number> {
    await this.stopping;
    this.cancelIdleStop();
    const running = (this.running ??= this.start());
    running.worker.ref();
    const deviceId = this.nextDeviceId++;
    this.devices.set(deviceId, device);
    this.command(running, { kind: 'watch', deviceId, fd });
    return deviceId;
  }

  /**
   * Resolves once the worker has stopped polling the device, so its fd may be closed
   * (closing earlier could let the fd number be reused while still being polled).
   */
  async unregister(deviceId: number): Promise<void> {
    const running = this.running;
    if (!running || !this.devices.has(deviceId)) return;
    await new Promise<void>((resolve) => {
      this.pendingUnwatch.set(deviceId, resolve);
      this.command(running, { kind: 'unwatch', deviceId });
    });
    this.devices.delete(deviceId);
    if (this.devices.size > 0 || this.running !== running) return;
    const idleStopMs = this.options.idleStopMs ?? 0;
    if (idleStopMs > 0) {
      running.worker.unref();
      this.cancelIdleStop();
      this.idleTimer = setTimeout(() => void this.stopIdle(running), idleStopMs);
      this.idleTimer.unref();
      return;
    }
    await this.stopIdle(running);
  }

  private async stopIdle(running: Running): Promise<void> {
    this.idleTimer = undefined;
    if (this.devices.size > 0 || this.running !== running) return;
    this.running = undefined;
    this.stopping = this.stop(running).finally(() => (this.stopping = undefined));
    await this.stopping;
  }

  private cancelIdleStop(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  /**
   * Writes one frame to a TAP fd without blocking. 'queue-full' (EAGAIN): retry later.
   * 'link-down' (EIO): tun refuses frames while the interface is down (tun_get_user in
   * drivers/net/tun.c), like a NIC with no carrier. Throws on any other failure.
   */
  writeFrame(fd: number, frame: Uint8Array): WriteOutcome {
    const c = libc();
    for (;;) {
      const written = c.write(fd, frame, frame.byteLength);
      if (written >= 0) return 'written';
      const errnum = c.errno();
      if (errnum === EINTR) continue;
      if (errnum === EAGAIN) return 'queue-full';
      if (errnum === EIO) return 'link-down';
      throw new LabnetError(
        'labnet/tap-write-failed',
        `write() of a ${frame.byteLength}-byte frame failed: ${describeErrno(errnum)}`,
      );
    }
  }

  private start(): Running {
    const c = libc();
    const wakeFd = c.eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (wakeFd < 0) {
      throw new LabnetError('labnet/frame-io-failed', `eventfd() failed: ${describeErrno(c.errno())}`);
    }
    const control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4));
    const workerData: FrameIoWorkerData = {
      control: control.buffer as SharedArrayBuffer,
      wakeFd,
      batchBytes: Math.max(this.options.batchBytes ?? 256 * 1024, MAX_FRAME_BYTES),
      framesPerDeviceRound: this.options.framesPerDeviceRound ?? 256,
    };
    const worker = spawnModuleWorker(path.join(__dirname, 'frame-io-worker'), workerData);
    worker.on('message', (message: WorkerToMain) => this.onWorkerMessage(control, wakeFd, message));
    const onProcessExit = (): void => {
      Atomics.store(control, CONTROL_STOP, 1);
      this.wake(wakeFd);
    };
    process.once('exit', onProcessExit);
    const running: Running = {
      worker,
      control,
      wakeFd,
      exited: new Promise<void>((resolve) => worker.once('exit', () => resolve())),
    };
    worker.once('error', (error) => {
      if (this.running === running) this.running = undefined;
      this.failAll(
        new LabnetError('labnet/frame-io-failed', `Frame I/O worker crashed: ${error.message}`, {
          cause: error,
        }),
      );
    });
    void running.exited.then(() => {
      process.removeListener('exit', onProcessExit);
      for (const resolve of this.pendingUnwatch.values()) resolve();
      this.pendingUnwatch.clear();
    });
    return running;
  }

  private async stop(running: Running): Promise<void> {
    Atomics.store(running.control, CONTROL_STOP, 1);
    this.wake(running.wakeFd);
    await running.exited;
    libc().close(running.wakeFd);
  }

  /** Stops the worker now (tests, shutdown); registered devices stop receiving frames. */
  async shutdown(): Promise<void> {
    this.cancelIdleStop();
    const running = this.running;
    this.running = undefined;
    this.devices.clear();
    if (running) await this.stop(running);
  }

  private command(running: Running, message: MainToWorker): void {
    Atomics.add(running.control, CONTROL_COMMANDS_POSTED, 1);
    running.worker.postMessage(message);
    this.wake(running.wakeFd);
  }

  private wake(wakeFd: number): void {
    libc().write(wakeFd, WAKE_VALUE, 8);
  }

  private onWorkerMessage(control: Int32Array, wakeFd: number, message: WorkerToMain): void {
    switch (message.kind) {
      case 'frames':
        try {
          this.dispatch(message.frames, message.index);
        } finally {
          if (Atomics.sub(control, CONTROL_BATCHES_IN_FLIGHT, 1) === MAX_BATCHES_IN_FLIGHT) this.wake(wakeFd);
        }
        return;
      case 'unwatched':
        this.pendingUnwatch.get(message.deviceId)?.();
        this.pendingUnwatch.delete(message.deviceId);
        return;
      case 'device-error':
        this.devices
          .get(message.deviceId)
          ?.onError(new LabnetError('labnet/frame-io-failed', `Reading the TAP stopped: ${message.message}`));
        return;
    }
  }

  private dispatch(frames: ArrayBuffer, index: Uint32Array): void {
    let start = 0;
    while (start < index.length) {
      const deviceId = index[start];
      const run: Uint8Array[] = [];
      let i = start;
      for (; i < index.length && index[i] === deviceId; i += 3)
        run.push(new Uint8Array(frames, index[i + 1], index[i + 2]));
      start = i;
      this.devices.get(deviceId)?.onFrames(run);
    }
  }

  private failAll(error: LabnetError): void {
    for (const device of this.devices.values()) device.onError(error);
  }
}
