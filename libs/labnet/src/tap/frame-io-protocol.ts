/**
 * Messages and shared control words between the main thread (FrameIoHub) and the frame
 * I/O worker. The worker reads frames; the main thread writes them (non-blocking writes
 * to a TAP complete immediately, so they need no thread).
 *
 * Control block (Int32Array over a SharedArrayBuffer):
 * - STOP: set to 1 by main, then wake; the worker closes its eventfd and exits.
 * - COMMANDS_POSTED / COMMANDS_HANDLED: main increments POSTED before each postMessage;
 *   the worker increments HANDLED per command. While they differ the worker polls with
 *   timeout 0 so it returns to its event loop and receives the message (a poll(-1) would
 *   otherwise sleep on a message it cannot see).
 * - BATCHES_IN_FLIGHT: frame batches posted but not yet consumed by main. At
 *   MAX_BATCHES_IN_FLIGHT the worker stops reading (the kernel queue then fills and drops,
 *   as a real NIC would), and main wakes it when it drops below.
 */
export const CONTROL_STOP = 0;
export const CONTROL_COMMANDS_POSTED = 1;
export const CONTROL_COMMANDS_HANDLED = 2;
export const CONTROL_BATCHES_IN_FLIGHT = 3;
export const CONTROL_WORDS = 4;

export const MAX_BATCHES_IN_FLIGHT = 32;

/** Largest frame a TAP can hand us: 65535-byte MTU + Ethernet header + 802.1Q tag. */
export const MAX_FRAME_BYTES = 65535 + 14 + 4;

export interface FrameIoWorkerData {
  readonly control: SharedArrayBuffer;
  /** eventfd (created by main) that wakes the worker's poll(). */
  readonly wakeFd: number;
  /** Bytes of frames gathered per batch before it is posted (at least MAX_FRAME_BYTES). */
  readonly batchBytes: number;
  /** Frames read per device per poll round, so one busy device cannot starve the others. */
  readonly framesPerDeviceRound: number;
}

export type MainToWorker =
  | { readonly kind: 'watch'; readonly deviceId: number; readonly fd: number }
  | { readonly kind: 'unwatch'; readonly deviceId: number };

/**
 * `frames` holds all frames back to back; `index` holds (deviceId, offset, length)
 * triples, one per frame, in the order they were read.
 */
export type WorkerToMain =
  | { readonly kind: 'frames'; readonly frames: ArrayBuffer; readonly index: Uint32Array }
  | { readonly kind: 'unwatched'; readonly deviceId: number }
  | { readonly kind: 'device-error'; readonly deviceId: number; readonly message: string };
