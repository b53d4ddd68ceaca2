/**
 * A named peer connection of a scenario (`as: c1`) and the bytes it moved: what the
 * script queued (`sent`) and everything delivered to the script (`received`, the bytes its
 * reads returned plus what was still buffered at the end), which become the grader's
 * StreamRecord.
 *
 * For `received` triggers the record also counts bytes and lines as they *arrive* (before
 * any read): it observes the socket's `read`, through which the PeerConnection moves every
 * arriving byte into its buffer. Bytes already buffered when the record was made (data
 * that came with the handshake) count as bytes but their lines are not seen.
 */
import type { PeerConnection } from '@socklab/netstack';
import type { StreamRecord } from '@socklab/grader';

export class ConnectionRecord {
  private readonly sent: Buffer[] = [];
  private readonly received: Buffer[] = [];
  private arrivedBytes: number;
  private arrivedLines = 0;

  constructor(
    readonly connection: PeerConnection,
    onArrival: () => void,
  ) {
    this.arrivedBytes = connection.available;
    const socket = connection.socket;
    const read = socket.read.bind(socket);
    socket.read = (now: number, max?: number): Uint8Array => {
      const data = read(now, max);
      this.arrivedBytes += data.length;
      for (const byte of data) if (byte === 0x0a) this.arrivedLines++;
      if (data.length > 0) queueMicrotask(onArrival);
      return data;
    };
  }

  noteSent(data: Uint8Array): void {
    this.sent.push(Buffer.from(data));
  }

  noteReceived(data: Uint8Array): void {
    this.received.push(Buffer.from(data));
  }

  /** Every byte the script's reads returned so far, in order. */
  readSoFar(): Buffer {
    return Buffer.concat(this.received);
  }

  get bytesArrived(): number {
    return this.arrivedBytes;
  }

  get linesArrived(): number {
    return this.arrivedLines;
  }

  /** Moves what is still buffered into `received` (end of the scenario). */
  async drain(): Promise<void> {
    const available = this.connection.available;
    if (available > 0) this.noteReceived(await this.connection.readExactly(available, 0));
  }

  stream(): StreamRecord {
    return {
      sent: Buffer.concat(this.sent).toString('base64'),
      received: Buffer.concat(this.received).toString('base64'),
    };
  }
}
