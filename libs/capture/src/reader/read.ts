import { createReadStream } from 'node:fs';
import { CaptureError } from '../errors';
import { PcapngDecoder, type DecoderOptions } from './decoder';
import type { CaptureInterface, CaptureRecord, CaptureSection, CapturedPacket } from './records';

/** A whole capture in memory. Interfaces of all sections, in file order. */
export interface PcapngCapture {
  readonly sections: CaptureSection[];
  readonly interfaces: CaptureInterface[];
  readonly packets: CapturedPacket[];
}

/** Decodes a complete pcapng image held in memory. Throws CaptureError on malformed input. */
export function parsePcapng(bytes: Uint8Array, options?: DecoderOptions): PcapngCapture {
  const decoder = new PcapngDecoder(options);
  const capture: PcapngCapture = { sections: [], interfaces: [], packets: [] };
  for (const record of decoder.push(bytes)) collect(capture, record);
  decoder.end();
  return capture;
}

/**
 * Decodes records from any byte stream (a Node Readable is an AsyncIterable of chunks) as they
 * arrive; memory is bounded by the largest block, not by the file.
 */
export async function* readPcapngStream(
  source: AsyncIterable<Uint8Array>,
  options?: DecoderOptions,
): AsyncGenerator<CaptureRecord> {
  const decoder = new PcapngDecoder(options);
  for await (const chunk of source) yield* decoder.push(chunk);
  decoder.end();
}

/** Streams a capture file. File-system failures surface as CaptureError 'capture/io'. */
export async function* readPcapngFile(path: string, options?: DecoderOptions): AsyncGenerator<CaptureRecord> {
  try {
    yield* readPcapngStream(createReadStream(path, { highWaterMark: 64 * 1024 }), options);
  } catch (error) {
    if (error instanceof CaptureError) throw error;
    throw new CaptureError(
      'capture/io',
      `cannot read capture file ${path}: ${(error as Error).message}`,
      undefined,
      {
        cause: error,
      },
    );
  }
}

/** Reads a whole file into a PcapngCapture, streaming the decoding. */
export async function loadPcapngFile(path: string, options?: DecoderOptions): Promise<PcapngCapture> {
  const capture: PcapngCapture = { sections: [], interfaces: [], packets: [] };
  for await (const record of readPcapngFile(path, options)) collect(capture, record);
  return capture;
}

function collect(capture: PcapngCapture, record: CaptureRecord): void {
  if (record.kind === 'section') capture.sections.push(record.section);
  else if (record.kind === 'interface') capture.interfaces.push(record.interface);
  else capture.packets.push(record.packet);
}
