/**
 * Token-bucket rate limit (the model of tc-tbf(8)): tokens are bytes, refilled at the
 * rate up to `burstBytes`. A frame that finds enough tokens passes at once; otherwise it
 * waits until the bucket has refilled for it, which queues it behind earlier frames.
 * When the bytes waiting would exceed `queueBytes`, the frame is tail-dropped.
 */
import { LabnetError } from '../errors';
import { DROP, Impairment, PASS } from './impairment';

export interface RateLimitOptions {
  readonly bitsPerSecond: number;
  /** Bucket depth (default: one 1514-byte frame). */
  readonly burstBytes?: number;
  /** Bytes allowed to wait (default 64 KiB). */
  readonly queueBytes?: number;
}

export function rateLimit(options: RateLimitOptions): Impairment {
  const burst = options.burstBytes ?? 1514;
  const queueLimit = options.queueBytes ?? 64 * 1024;
  if (!(options.bitsPerSecond > 0) || burst <= 0 || queueLimit < 0) {
    throw new LabnetError(
      'labnet/invalid-config',
      'rate-limit needs bitsPerSecond > 0, burstBytes > 0 and queueBytes >= 0.',
    );
  }
  const bytesPerNs = options.bitsPerSecond / 8 / 1e9;
  let tokens = burst;
  let updatedNs: bigint | undefined;
  return {
    label: `rate-limit(${options.bitsPerSecond}bit/s, burst ${burst}B)`,
    decide(context) {
      if (updatedNs !== undefined)
        tokens = Math.min(burst, tokens + Number(context.nowNs - updatedNs) * bytesPerNs);
      updatedNs = context.nowNs;
      const size = context.frame.byteLength;
      if (tokens >= size) {
        tokens -= size;
        return PASS;
      }
      const waitingBytes = size - tokens;
      if (waitingBytes > queueLimit) return DROP;
      tokens -= size;
      return { action: 'delay', delayNs: BigInt(Math.ceil(waitingBytes / bytesPerNs)), kind: 'rate-limited' };
    },
  };
}
