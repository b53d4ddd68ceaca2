/**
 * Splits Docker's multiplexed attach/log stream (used when the container has no TTY):
 * frames of an 8-byte header [stream, 0, 0, 0, size (u32 big-endian)] and `size` bytes.
 * Stream 1 is stdout, 2 is stderr; frames may be split across chunks arbitrarily.
 */
export class DockerStreamDemuxer {
  private buffered: Buffer = Buffer.alloc(0);

  constructor(private readonly onFrame: (stream: 'stdout' | 'stderr', data: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    while (this.buffered.length >= 8) {
      const size = this.buffered.readUInt32BE(4);
      if (this.buffered.length < 8 + size) return;
      const stream = this.buffered[0] === 2 ? 'stderr' : 'stdout';
      const payload = this.buffered.subarray(8, 8 + size);
      this.buffered = this.buffered.subarray(8 + size);
      if (payload.length > 0) this.onFrame(stream, payload);
    }
  }
}
