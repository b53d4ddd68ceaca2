import { decodePage, parsePageLayout } from './ring-buffer-page';

const HEADER_PAGE = `	field: u64 timestamp;	offset:0;	size:8;	signed:0;
	field: local_t commit;	offset:8;	size:8;	signed:1;
	field: int overwrite;	offset:8;	size:1;	signed:1;
	field: char data;	offset:16;	size:4080;	signed:0;
`;
const layout = parsePageLayout(HEADER_PAGE);

/** Builds a page from event words; `commitFlags` sets RB_MISSED_* bits. */
function page(ts: bigint, words: number[], commitFlags = 0n, trailer?: bigint): Buffer {
  const buf = Buffer.alloc(4096);
  buf.writeBigUInt64LE(ts, 0);
  buf.writeBigUInt64LE(BigInt(words.length * 4) | commitFlags, 8);
  words.forEach((w, i) => buf.writeUInt32LE(w >>> 0, 16 + i * 4));
  if (trailer !== undefined) buf.writeBigUInt64LE(trailer, 16 + words.length * 4);
  return buf;
}
const header = (typeLen: number, delta: number): number => ((delta << 5) | typeLen) >>> 0;

describe('decodePage (trace_pipe_raw sub-buffer)', () => {
  it('reads the layout from events/header_page', () => {
    expect(layout).toEqual({ timestampOffset: 0, commitOffset: 8, commitSize: 8, dataOffset: 16 });
  });

  it('accumulates time deltas over small events, time extends and absolute stamps', () => {
    const p = page(1_000_000n, [
      header(1, 5),
      0xaaaa0001, // 4-byte event at +5
      header(30, 3),
      2, // time extend: (2 << 27) | 3
      header(2, 0),
      0xbbbb0002,
      0x11111111, // 8-byte event, same time
      header(31, 7),
      1, // absolute: (1 << 27) | 7
      header(0, 1),
      12,
      0xcccc0003,
      0x22222222, // type_len 0: array[0]=12 → 8 data bytes
    ]);
    const { records, missedEvents } = decodePage(p, layout);
    expect(missedEvents).toBe(0);
    expect(records.map((r) => r.ts)).toEqual([
      1_000_005n,
      1_000_005n + (2n << 27n) + 3n,
      (1n << 27n) + 7n + 1n,
    ]);
    expect(records.map((r) => r.data.length)).toEqual([4, 8, 8]);
    expect(records[2].data.readUInt32LE(0)).toBe(0xcccc0003);
  });

  it('skips discarded events without applying their delta and stops at end-of-page padding', () => {
    const p = page(100n, [header(29, 9), 12, 0, 0, header(1, 1), 0x1, header(29, 0), 0]);
    const { records } = decodePage(p, layout);
    expect(records).toHaveLength(1);
    expect(records[0].ts).toBe(101n);
  });

  it('reports events lost before the page, with the stored count when present', () => {
    expect(decodePage(page(0n, [header(1, 0), 1], 1n << 31n), layout).missedEvents).toBe(-1);
    expect(decodePage(page(0n, [header(1, 0), 1], (1n << 31n) | (1n << 30n), 42n), layout).missedEvents).toBe(
      42,
    );
  });

  it('rejects a commit larger than the page', () => {
    const p = page(0n, []);
    p.writeBigUInt64LE(5000n, 8);
    expect(() => decodePage(p, layout)).toThrow(
      expect.objectContaining({ code: 'trace/ring-buffer-corrupt' }),
    );
  });
});
