import type { FourTuple } from '../wire/ip-types';
import type { TcpConfig } from './api';
import { sipHash24 } from './siphash';

/** Chooses the initial send sequence number of a new connection (RFC 9293 §3.4.1). */
export interface IsnGenerator {
  next(tuple: FourTuple, now: number): number;
}

export function createIsnGenerator(source: TcpConfig['isn']): IsnGenerator {
  return source.kind === 'rfc6528' ? new Rfc6528Isn(source.secret) : new SeededIsn(source.seed);
}

function tupleBytes(tuple: FourTuple, extra = 0): Uint8Array {
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, tuple.local.addr >>> 0);
  view.setUint16(4, tuple.local.port);
  view.setUint32(6, tuple.remote.addr >>> 0);
  view.setUint16(10, tuple.remote.port);
  view.setUint32(12, extra >>> 0);
  return bytes;
}

/**
 * RFC 6528 §3: ISN = M + F(localip, localport, remoteip, remoteport, secretkey), where M
 * is a timer ticking every 4 µs (derived from `now`, the caller's clock) and F is
 * SipHash-2-4 keyed with the secret folded into 16 bytes.
 */
class Rfc6528Isn implements IsnGenerator {
  private readonly key = new Uint8Array(16);

  constructor(secret: Uint8Array) {
    secret.forEach((byte, i) => {
      this.key[i % 16] = (this.key[i % 16] ?? 0) ^ byte;
    });
  }

  next(tuple: FourTuple, now: number): number {
    const ticks = Math.floor(now * 250) % 2 ** 32;
    const hash = Number(sipHash24(this.key, tupleBytes(tuple)) & 0xffffffffn);
    return (ticks + hash) >>> 0;
  }
}

/**
 * Reproducible ISNs: a hash of the seed, the 4-tuple and how many connections this layer
 * has already opened on that 4-tuple. The same seed and the same sequence of connections
 * give the same ISNs; a reincarnated 4-tuple still gets a fresh ISN.
 */
class SeededIsn implements IsnGenerator {
  private readonly incarnations = new Map<string, number>();

  constructor(private readonly seed: number) {}

  next(tuple: FourTuple): number {
    const key = `${tuple.local.addr}:${tuple.local.port}>${tuple.remote.addr}:${tuple.remote.port}`;
    const incarnation = this.incarnations.get(key) ?? 0;
    this.incarnations.set(key, incarnation + 1);
    let hash = mix32(this.seed >>> 0);
    for (const byte of tupleBytes(tuple, incarnation)) hash = mix32(hash ^ byte);
    return hash >>> 0;
  }
}

/** Murmur3's 32-bit finaliser preceded by a multiply: a cheap, well-spread mixing step. */
function mix32(value: number): number {
  let h = Math.imul(value ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
