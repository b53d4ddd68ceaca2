/**
 * Frame I/O worker: one poll(2) loop over every watched TAP fd plus a wake eventfd.
 * It never blocks Node's threadpool (reads are non-blocking; the only blocking call is
 * poll() on this worker's own thread) and hands frames to main in batches: one
 * transferred ArrayBuffer per poll round for all devices.
 *
 * Each round returns to the worker's event loop (setImmediate) so commands posted by
 * main are received; see frame-io-protocol.ts for the wake/ack contract.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { describeErrno, EAGAIN, EINTR, libc, POLLERR, POLLHUP, POLLIN, POLLNVAL } from '../sys/libc';
import {
  CONTROL_BATCHES_IN_FLIGHT,
  CONTROL_COMMANDS_HANDLED,
  CONTROL_COMMANDS_POSTED,
  CONTROL_STOP,
  FrameIoWorkerData,
  MAX_BATCHES_IN_FLIGHT,
  MAX_FRAME_BYTES,
  MainToWorker,
  WorkerToMain,
} from './frame-io-protocol';

const POLLFD_BYTES = 8;
/**
 * With no device to watch (the shared hub's idle period) poll() wakes this often, so a
 * terminate request — Node's at process exit included — takes effect within that time.
 * Parked in poll(-1), the thread could only be woken through the eventfd, which a host
 * that never runs the process 'exit' hook (Jest's test environments) never writes: the
 * process then waited for the thread forever after the last test.
 */
const IDLE_POLL_MS = 100;

interface Watched {
  readonly deviceId: number;
  readonly fd: number;
}

function runWorker(port: NonNullable<typeof parentPort>, data: FrameIoWorkerData): void {
  const c = libc();
  const control = new Int32Array(data.control);
  const watched = new Map<number, Watched>();
  const scratch = new ArrayBuffer(Math.max(data.batchBytes, MAX_FRAME_BYTES));
  const eventfdDrain = new Uint8Array(8);
  let pollBuffer = new ArrayBuffer(POLLFD_BYTES * 8);
  let index = new Uint32Array(3 * 1024);

  const post = (message: WorkerToMain, transfer?: ArrayBuffer[]): void => port.postMessage(message, transfer);

  port.on('message', (message: MainToWorker) => {
    if (message.kind === 'watch') {
      watched.set(message.deviceId, { deviceId: message.deviceId, fd: message.fd });
    } else {
      watched.delete(message.deviceId);
      post({ kind: 'unwatched', deviceId: message.deviceId });
    }
    Atomics.add(control, CONTROL_COMMANDS_HANDLED, 1);
  });

  const round = (): void => {
    if (Atomics.load(control, CONTROL_STOP) === 1) {
      port.close();
      return;
    }
    const throttled = Atomics.load(control, CONTROL_BATCHES_IN_FLIGHT) >= MAX_BATCHES_IN_FLIGHT;
    const devices = throttled ? [] : [...watched.values()];
    const nfds = devices.length + 1;
    if (pollBuffer.byteLength < nfds * POLLFD_BYTES) pollBuffer = new ArrayBuffer(nfds * POLLFD_BYTES * 2);
    const fdsView = new DataView(pollBuffer);
    fdsView.setInt32(0, data.wakeFd, true);
    fdsView.setInt16(4, POLLIN, true);
    fdsView.setInt16(6, 0, true);
    devices.forEach((device, i) => {
      fdsView.setInt32((i + 1) * POLLFD_BYTES, device.fd, true);
      fdsView.setInt16((i + 1) * POLLFD_BYTES + 4, POLLIN, true);
      fdsView.setInt16((i + 1) * POLLFD_BYTES + 6, 0, true);
    });
    const commandsPending =
      Atomics.load(control, CONTROL_COMMANDS_POSTED) !== Atomics.load(control, CONTROL_COMMANDS_HANDLED);
    const timeoutMs = commandsPending ? 0 : watched.size === 0 ? IDLE_POLL_MS : -1;
    const ready = c.poll(new Uint8Array(pollBuffer, 0, nfds * POLLFD_BYTES), nfds, timeoutMs);
    if (ready < 0 && c.errno() !== EINTR) {
      throw new Error(`poll() failed in the frame I/O worker: ${describeErrno(c.errno())}`);
    }
    if (ready > 0 && fdsView.getInt16(6, true) !== 0) {
      c.read(data.wakeFd, eventfdDrain, 8);
    }

    let used = 0;
    let frames = 0;
    for (let i = 0; ready > 0 && i < devices.length; i++) {
      const device = devices[i];
      const revents = fdsView.getInt16((i + 1) * POLLFD_BYTES + 6, true);
      if (revents === 0) continue;
      if (revents & (POLLERR | POLLHUP | POLLNVAL)) {
        watched.delete(device.deviceId);
        post({
          kind: 'device-error',
          deviceId: device.deviceId,
          message: `poll() reported revents 0x${revents.toString(16)}`,
        });
        continue;
      }
      for (let n = 0; n < data.framesPerDeviceRound && scratch.byteLength - used >= MAX_FRAME_BYTES; n++) {
        const length = c.read(device.fd, new Uint8Array(scratch, used, MAX_FRAME_BYTES), MAX_FRAME_BYTES);
        if (length < 0) {
          const errnum = c.errno();
          if (errnum === EAGAIN || errnum === EINTR) break;
          watched.delete(device.deviceId);
          post({
            kind: 'device-error',
            deviceId: device.deviceId,
            message: `read() failed: ${describeErrno(errnum)}`,
          });
          break;
        }
        if (index.length < (frames + 1) * 3) {
          const grown = new Uint32Array(index.length * 2);
          grown.set(index);
          index = grown;
        }
        index[frames * 3] = device.deviceId;
        index[frames * 3 + 1] = used;
        index[frames * 3 + 2] = length;
        frames++;
        used += length;
      }
    }
    if (frames > 0) {
      Atomics.add(control, CONTROL_BATCHES_IN_FLIGHT, 1);
      const batch = scratch.slice(0, used);
      const batchIndex = index.slice(0, frames * 3);
      post({ kind: 'frames', frames: batch, index: batchIndex }, [batch, batchIndex.buffer]);
    }
    setImmediate(round);
  };

  setImmediate(round);
}

if (parentPort) runWorker(parentPort, workerData as FrameIoWorkerData);
