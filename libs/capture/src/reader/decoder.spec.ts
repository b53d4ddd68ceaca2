import { CaptureError } from '../errors';
import { block, Bytes, interfaceDescription, sectionHeader } from '../testing/blocks';
import { PcapngDecoder } from './decoder';
import { parsePcapng } from './read';
import type { CaptureRecord } from './records';

const FRAME = Buffer.from('0200000000010200000000020800deadbeef', 'hex');

function epb(
  le: boolean,
  interfaceId: number,
  ts: bigint,
  data: Buffer,
  options: Uint8Array = new Uint8Array(0),
): Buffer {
  const body = new Bytes(le)
    .u32(interfaceId)
    .u32(Number(ts >> 32n))
    .u32(Number(ts & 0xffffffffn))
    .u32(data.length)
    .u32(data.length + 4)
    .raw(data)
    .pad()
    .raw(options)
    .build();
  return block(6, body, le);
}

/** A foreign file: one section in the given byte order, µs and 2^-10 s interfaces, unknown blocks, an SPB. */
function foreignFile(le: boolean): Buffer {
  const opts = (build: (b: Bytes) => Bytes) => build(new Bytes(le)).build();
  return Buffer.concat([
    sectionHeader(
      le,
      opts((b) => b.option(4, 'dumpcap').u32(0)),
    ),
    interfaceDescription(
      le,
      1,
      96,
      opts((b) => b.option(2, 'eth0').option(1, 'uplink')),
    ),
    interfaceDescription(
      le,
      1,
      0,
      opts((b) => b.option(9, Buffer.from([0x8a])).option(14, new Bytes(le).i64(10n).build())),
    ),
    block(0x00000005, Buffer.alloc(8), le), // Interface Statistics: skipped by length
    block(0x00000bad, Buffer.from('PEN!data'), le), // Custom block: skipped by length
    epb(
      le,
      0,
      1_700_000_000_000_001n,
      FRAME,
      opts((b) => b.u16(2).u16(4).u32(1).option(1, 'one').option(1, 'two')),
    ),
    epb(le, 1, 1536n, FRAME),
    block(3, new Bytes(le).u32(FRAME.length).raw(FRAME).pad().build(), le),
  ]);
}

describe('PcapngDecoder', () => {
  it.each([
    ['little-endian', true],
    ['big-endian', false],
  ])('reads a %s section with foreign options, skipping unknown blocks', (_name, le) => {
    const capture = parsePcapng(foreignFile(le));
    expect(capture.sections).toHaveLength(1);
    expect(capture.sections[0]).toMatchObject({
      littleEndian: le,
      header: { userApplication: 'dumpcap', sectionLength: -1n },
    });
    expect(capture.interfaces.map((i) => [i.name, i.snapLength, i.comments])).toEqual([
      ['eth0', 96, ['uplink']],
      [undefined, 0, []],
    ]);
    const [first, second, simple] = capture.packets;
    // Default resolution is microseconds (§4.2).
    expect(first).toMatchObject({
      interfaceId: 0,
      timestampNs: 1_700_000_000_000_001_000n,
      direction: 'inbound',
    });
    expect(first!.comments).toEqual(['one', 'two']);
    expect(first!.originalLength).toBe(FRAME.length + 4);
    expect(Buffer.from(first!.data)).toEqual(FRAME);
    // if_tsresol 0x8a = 2^-10 s: 1536 units = 1.5 s, plus if_tsoffset 10 s.
    expect(second).toMatchObject({ interfaceId: 1, timestampNs: 11_500_000_000n, direction: 'unknown' });
    expect(simple).toMatchObject({ interfaceId: 0, timestampNs: null, originalLength: FRAME.length });
    expect(Buffer.from(simple!.data)).toEqual(FRAME);
  });

  it('gives the same records whatever the chunking, down to single bytes', () => {
    const file = foreignFile(true);
    const whole = parsePcapng(file);
    const decoder = new PcapngDecoder();
    const records: CaptureRecord[] = [];
    for (let i = 0; i < file.length; i++) records.push(...decoder.push(file.subarray(i, i + 1)));
    decoder.end();
    expect(records.filter((r) => r.kind === 'packet').map((r) => r.packet)).toEqual(whole.packets);
    expect(decoder.skippedBlocks).toBe(2);
  });

  it('starts interface numbering afresh in each section', () => {
    const file = Buffer.concat([foreignFile(true), foreignFile(false)]);
    const capture = parsePcapng(file);
    expect(capture.sections.map((s) => s.littleEndian)).toEqual([true, false]);
    expect(capture.packets.map((p) => [p.section, p.interfaceId])).toEqual([
      [0, 0],
      [0, 1],
      [0, 0],
      [1, 0],
      [1, 1],
      [1, 0],
    ]);
  });

  it('reports a cut at any byte as a CaptureError with the offset of the cut block, never anything else', () => {
    const file = foreignFile(true);
    const boundaries = new Set<number>();
    for (let at = 0; at < file.length; at += file.readUInt32LE(at + 4)) boundaries.add(at);
    for (let cut = 1; cut < file.length; cut++) {
      if (boundaries.has(cut)) {
        expect(() => parsePcapng(file.subarray(0, cut))).not.toThrow();
        continue;
      }
      const blockStart = Math.max(...[...boundaries].filter((b) => b < cut));
      expect(() => parsePcapng(file.subarray(0, cut))).toThrow(
        expect.objectContaining({ code: 'capture/truncated-block', offset: blockStart }),
      );
    }
  });

  const corruptions: Array<[string, (file: Buffer) => void, string, number]> = [
    ['not a pcapng file', (f) => f.write('GIF89a', 0), 'capture/not-pcapng', 0],
    ['an unknown byte-order magic', (f) => f.writeUInt32LE(0x12345678, 8), 'capture/bad-byte-order', 0],
    ['major version 2', (f) => f.writeUInt16LE(2, 12), 'capture/unsupported-version', 0],
    ['a trailing length that differs', (f) => f.writeUInt32LE(999, 52), 'capture/block-length-mismatch', 28],
    ['a length that is not a multiple of 4', (f) => f.writeUInt32LE(30, 32), 'capture/bad-block-length', 28],
    ['an option running past the body', (f) => f.writeUInt16LE(200, 46), 'capture/bad-option', 28],
  ];
  it.each(corruptions)('rejects %s with a code and the block offset', (_name, corrupt, code, offset) => {
    // SHB at 0 (28 bytes), IDB at 28: length at 32, option eth0 at 44, trailer at 52.
    const file = Buffer.concat([
      sectionHeader(true),
      interfaceDescription(true, 1, 0, new Bytes(true).option(2, 'eth0').build()),
    ]);
    corrupt(file);
    let error: unknown;
    try {
      parsePcapng(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CaptureError);
    expect(error).toMatchObject({ code, offset });
  });

  it('rejects a packet on an interface that was never described', () => {
    const file = Buffer.concat([sectionHeader(true), epb(true, 0, 0n, FRAME)]);
    expect(() => parsePcapng(file)).toThrow(
      expect.objectContaining({ code: 'capture/unknown-interface', offset: 28 }),
    );
  });

  it('refuses blocks above maxBlockLength instead of buffering them', () => {
    const decoder = new PcapngDecoder({ maxBlockLength: 1024 });
    decoder.push(sectionHeader(true));
    expect(() =>
      decoder.push(
        new Bytes(true)
          .u32(6)
          .u32(1 << 20)
          .build(),
      ),
    ).toThrow(expect.objectContaining({ code: 'capture/bad-block-length', offset: 28 }));
  });

  it('rejects empty input', () => {
    expect(() => parsePcapng(new Uint8Array(0))).toThrow(
      expect.objectContaining({ code: 'capture/not-pcapng' }),
    );
  });
});
