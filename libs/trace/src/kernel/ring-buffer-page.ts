/**
 * Decoder for the binary sub-buffers ("pages") that `per_cpu/cpuN/trace_pipe_raw` returns.
 * Layout (Documentation/trace/ring-buffer-design.rst, kernel/trace/ring_buffer.c, and the
 * tracefs files `events/header_page` and `events/header_event`):
 *
 *   page header: u64 timestamp (absolute, trace_clock units) | local_t commit | data…
 *   commit: bytes of data used; bit 31 RB_MISSED_EVENTS = events were lost before this page,
 *           bit 30 RB_MISSED_STORED = the lost count is stored as a long right after the data.
 *   event header (u32, host order): type_len:5 (low bits) | time_delta:27
 *     type_len 1…28  data of type_len*4 bytes follows the header
 *     type_len 0     array[0] = data length + 4; data starts after array[0]
 *     29 PADDING     time_delta 0: rest of the page is empty; else a discarded event of
 *                    array[0] bytes (its delta is not applied, as rb_update_read_stamp does)
 *     30 TIME_EXTEND delta = array[0] << 27 | time_delta
 *     31 TIME_STAMP  absolute timestamp = array[0] << 27 | time_delta (bits 59…63 from the page)
 *
 * Assumes a little-endian host (x86-64, arm64); the collector checks this.
 */
import { TraceError } from '../errors';

export interface PageLayout {
  timestampOffset: number;
  commitOffset: number;
  commitSize: number;
  dataOffset: number;
}

export interface RawRecord {
  /** Absolute timestamp in trace_clock units (ns for 'mono'). */
  ts: bigint;
  /** The event record: starts with common_type (u16). A view into the page buffer. */
  data: Buffer;
}

export interface DecodedPage {
  records: RawRecord[];
  /** Events the writer overwrote/dropped before this page; -1 = some, count unknown. */
  missedEvents: number;
}

const RB_MISSED_EVENTS = 1n << 31n;
const RB_MISSED_STORED = 1n << 30n;
const COMMIT_SIZE_MASK = (1n << 30n) - 1n;
const TYPE_PADDING = 29;
const TYPE_TIME_EXTEND = 30;
const TYPE_TIME_STAMP = 31;
const TS_MSB_MASK = ~((1n << 59n) - 1n) & 0xffffffffffffffffn;

/** Reads the `events/header_page` file; falls back to nothing: fields missing → format error. */
export function parsePageLayout(headerPageText: string): PageLayout {
  const field = (name: string): { offset: number; size: number } => {
    const m = new RegExp(`field:[^;]*\\b${name};\\s*offset:(\\d+);\\s*size:(\\d+);`).exec(headerPageText);
    if (!m) throw new TraceError('trace/event-format-invalid', `events/header_page lacks field '${name}'`);
    return { offset: Number(m[1]), size: Number(m[2]) };
  };
  const commit = field('commit');
  return {
    timestampOffset: field('timestamp').offset,
    commitOffset: commit.offset,
    commitSize: commit.size,
    dataOffset: field('data').offset,
  };
}

export function decodePage(page: Buffer, layout: PageLayout): DecodedPage {
  const commit =
    layout.commitSize === 8
      ? page.readBigUInt64LE(layout.commitOffset)
      : BigInt(page.readUInt32LE(layout.commitOffset));
  const dataLength = Number(commit & COMMIT_SIZE_MASK);
  const start = layout.dataOffset;
  const end = start + dataLength;
  if (end > page.length) {
    throw new TraceError(
      'trace/ring-buffer-corrupt',
      `page commit ${dataLength} exceeds the ${page.length}-byte read`,
    );
  }
  let missedEvents = 0;
  if (commit & RB_MISSED_EVENTS) {
    missedEvents =
      commit & RB_MISSED_STORED && end + 8 <= page.length ? Number(page.readBigUInt64LE(end)) : -1;
  }

  const records: RawRecord[] = [];
  let ts = page.readBigUInt64LE(layout.timestampOffset);
  let at = start;
  while (at + 4 <= end) {
    const header = page.readUInt32LE(at);
    const typeLen = header & 0x1f;
    const delta = BigInt(header >>> 5);
    if (typeLen === TYPE_PADDING) {
      if (delta === 0n) break;
      at += 4 + page.readUInt32LE(at + 4);
    } else if (typeLen === TYPE_TIME_EXTEND) {
      ts += (BigInt(page.readUInt32LE(at + 4)) << 27n) | delta;
      at += 8;
    } else if (typeLen === TYPE_TIME_STAMP) {
      const low = (BigInt(page.readUInt32LE(at + 4)) << 27n) | delta;
      let abs = low | (ts & TS_MSB_MASK);
      if (abs < ts && ts & TS_MSB_MASK) abs += 1n << 59n;
      ts = abs;
      at += 8;
    } else if (typeLen === 0) {
      const length = page.readUInt32LE(at + 4);
      if (length < 4)
        throw new TraceError('trace/ring-buffer-corrupt', `event at ${at} has length ${length}`);
      ts += delta;
      records.push({ ts, data: page.subarray(at + 8, at + 4 + length) });
      at += 4 + length;
    } else {
      ts += delta;
      records.push({ ts, data: page.subarray(at + 4, at + 4 + typeLen * 4) });
      at += 4 + typeLen * 4;
    }
  }
  if (at > end)
    throw new TraceError('trace/ring-buffer-corrupt', `event runs past the page commit (${at} > ${end})`);
  return { records, missedEvents };
}
