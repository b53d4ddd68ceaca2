/**
 * Test-only hand assembly of pcapng blocks in either byte order, independent of the emitters
 * under test, for reader fixtures (big-endian sections, Simple Packet Blocks, foreign options).
 */
export class Bytes {
  private readonly parts: Buffer[] = [];

  constructor(private readonly littleEndian: boolean) {}

  u8(value: number): this {
    this.parts.push(Buffer.from([value]));
    return this;
  }

  u16(value: number): this {
    const b = Buffer.alloc(2);
    if (this.littleEndian) b.writeUInt16LE(value);
    else b.writeUInt16BE(value);
    this.parts.push(b);
    return this;
  }

  u32(value: number): this {
    const b = Buffer.alloc(4);
    if (this.littleEndian) b.writeUInt32LE(value >>> 0);
    else b.writeUInt32BE(value >>> 0);
    this.parts.push(b);
    return this;
  }

  i64(value: bigint): this {
    const b = Buffer.alloc(8);
    if (this.littleEndian) b.writeBigInt64LE(value);
    else b.writeBigInt64BE(value);
    this.parts.push(b);
    return this;
  }

  raw(bytes: Uint8Array): this {
    this.parts.push(Buffer.from(bytes));
    return this;
  }

  /** Zero bytes up to a multiple of 4 of the total so far. */
  pad(): this {
    const length = this.build().length;
    this.parts.push(Buffer.alloc((4 - (length % 4)) % 4));
    return this;
  }

  /** An option: code, length, value, padding. */
  option(code: number, value: Uint8Array | string): this {
    const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
    return this.u16(code).u16(bytes.length).raw(bytes).pad();
  }

  build(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** Frames `body` as a block: type, total length, body, total length. */
export function block(type: number, body: Uint8Array, littleEndian: boolean): Buffer {
  const total = 12 + body.length;
  return new Bytes(littleEndian).u32(type).u32(total).raw(body).u32(total).build();
}

export function sectionHeader(littleEndian: boolean, options: Uint8Array = new Uint8Array(0)): Buffer {
  const body = new Bytes(littleEndian).u32(0x1a2b3c4d).u16(1).u16(0).i64(-1n).raw(options).build();
  return block(0x0a0d0d0a, body, littleEndian);
}

export function interfaceDescription(
  littleEndian: boolean,
  linkType: number,
  snapLength: number,
  options: Uint8Array = new Uint8Array(0),
): Buffer {
  return block(
    1,
    new Bytes(littleEndian).u16(linkType).u16(0).u32(snapLength).raw(options).build(),
    littleEndian,
  );
}
