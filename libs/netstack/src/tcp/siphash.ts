/**
 * SipHash-2-4 (Aumasson & Bernstein, 2012): the keyed pseudo-random function F that
 * RFC 6528 §3 asks for when generating initial sequence numbers. BigInt keeps the 64-bit
 * arithmetic exact; it runs once per connection, so speed does not matter.
 */
const MASK64 = (1n << 64n) - 1n;

function rotl(x: bigint, bits: bigint): bigint {
  return ((x << bits) | (x >> (64n - bits))) & MASK64;
}

function readU64Le(bytes: Uint8Array, offset: number): bigint {
  let value = 0n;
  for (let i = 7; i >= 0; i--) value = (value << 8n) | BigInt(bytes[offset + i] ?? 0);
  return value;
}

/** SipHash-2-4 of `message` under a 16-byte `key`, as an unsigned 64-bit BigInt. */
export function sipHash24(key: Uint8Array, message: Uint8Array): bigint {
  if (key.length !== 16) throw new RangeError('SipHash key must be 16 bytes');
  const k0 = readU64Le(key, 0);
  const k1 = readU64Le(key, 8);
  let v0 = k0 ^ 0x736f6d6570736575n;
  let v1 = k1 ^ 0x646f72616e646f6dn;
  let v2 = k0 ^ 0x6c7967656e657261n;
  let v3 = k1 ^ 0x7465646279746573n;
  const sipRound = (): void => {
    v0 = (v0 + v1) & MASK64;
    v1 = rotl(v1, 13n) ^ v0;
    v0 = rotl(v0, 32n);
    v2 = (v2 + v3) & MASK64;
    v3 = rotl(v3, 16n) ^ v2;
    v0 = (v0 + v3) & MASK64;
    v3 = rotl(v3, 21n) ^ v0;
    v2 = (v2 + v1) & MASK64;
    v1 = rotl(v1, 17n) ^ v2;
    v2 = rotl(v2, 32n);
  };
  const tail = message.length % 8;
  const blocksEnd = message.length - tail;
  for (let i = 0; i < blocksEnd; i += 8) {
    const m = readU64Le(message, i);
    v3 ^= m;
    sipRound();
    sipRound();
    v0 ^= m;
  }
  let last = BigInt(message.length & 0xff) << 56n;
  for (let i = 0; i < tail; i++) last |= BigInt(message[blocksEnd + i] ?? 0) << BigInt(8 * i);
  v3 ^= last;
  sipRound();
  sipRound();
  v0 ^= last;
  v2 ^= 0xffn;
  for (let i = 0; i < 4; i++) sipRound();
  return v0 ^ v1 ^ v2 ^ v3;
}
