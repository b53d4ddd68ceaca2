import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPcapngFile, parsePcapng, readPcapngFile } from '../reader/read';
import { noteText } from '../wire/exported-pdu';
import { PcapngWriter } from './pcapng-writer';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'socklab-writer-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const frame = (length: number, fill = 0xab) => Buffer.alloc(length, fill);

describe('PcapngWriter', () => {
  it('round-trips interfaces, nanosecond timestamps, directions and several comments per packet', async () => {
    const path = join(dir, 'rt.pcapng');
    const writer = await PcapngWriter.open(path, { userApplication: 'socklab', comments: ['run 42'] });
    const p1 = writer.addInterface({ name: 'sw0-p1', description: 'learner', snapLength: 100 });
    writer.writePacket({
      interfaceId: p1,
      timestampNs: 1n,
      data: frame(61),
      direction: 'inbound',
      comments: ['a', 'ünï'],
    });
    const p2 = writer.addInterface({ name: 'sw0-p2' });
    writer.writePacket({
      interfaceId: p2,
      timestampNs: (1n << 40n) + 7n,
      data: frame(150),
      direction: 'outbound',
    });
    writer.writePacket({ interfaceId: p1, timestampNs: 2n, data: frame(150, 0xcd) }); // cut to snaplen 100
    writer.writeNote({ timestampNs: 3n, text: 'step 3: peer resets' });
    await writer.close();

    const capture = await loadPcapngFile(path);
    expect(capture.sections[0]!.header).toMatchObject({ userApplication: 'socklab', comments: ['run 42'] });
    expect(capture.interfaces.map((i) => [i.id, i.name, i.snapLength, i.tsResolution.exponent])).toEqual([
      [0, 'sw0-p1', 100, 9],
      [1, 'sw0-p2', 262144, 9],
      [2, 'socklab-notes', 0, 9],
    ]);
    const [a, b, c, note] = capture.packets;
    expect(a).toMatchObject({
      interfaceId: 0,
      timestampNs: 1n,
      direction: 'inbound',
      comments: ['a', 'ünï'],
      originalLength: 61,
    });
    expect(a!.data).toHaveLength(61);
    expect(b).toMatchObject({
      interfaceId: 1,
      timestampNs: (1n << 40n) + 7n,
      direction: 'outbound',
      comments: [],
    });
    expect(c).toMatchObject({ direction: 'unknown', originalLength: 150 });
    expect(Buffer.from(c!.data)).toEqual(frame(100, 0xcd));
    expect(note).toMatchObject({ interfaceId: 2, timestampNs: 3n, comments: ['step 3: peer resets'] });
    expect(noteText(note!.data)).toBe('step 3: peer resets');
  });

  it('refuses packets for interfaces not yet added, so IDBs always precede their EPBs', async () => {
    const writer = await PcapngWriter.open(join(dir, 'x.pcapng'));
    expect(() => writer.writePacket({ interfaceId: 0, timestampNs: 0n, data: frame(60) })).toThrow(
      expect.objectContaining({ code: 'capture/unknown-interface' }),
    );
    await writer.close();
  });

  it('rejects impossible packets before writing anything', async () => {
    const writer = await PcapngWriter.open(join(dir, 'x.pcapng'));
    const id = writer.addInterface({ name: 'p' });
    for (const bad of [
      { timestampNs: -1n },
      { timestampNs: 1n << 64n },
      { originalLength: 10 },
      { comments: ['x'.repeat(70000)] },
    ]) {
      expect(() => writer.writePacket({ interfaceId: id, timestampNs: 0n, data: frame(60), ...bad })).toThrow(
        expect.objectContaining({ code: 'capture/invalid-argument' }),
      );
    }
    writer.writePacket({ interfaceId: id, timestampNs: 5n, data: frame(60) });
    await writer.close();
    expect(parsePcapng(readFileSync(join(dir, 'x.pcapng'))).packets.map((p) => p.timestampNs)).toEqual([5n]);
  });

  it('is unusable after close, which resolves with every byte on disk', async () => {
    const path = join(dir, 'c.pcapng');
    const writer = await PcapngWriter.open(path);
    writer.addInterface({ name: 'p' });
    await writer.close();
    expect(statSync(path).size).toBe(writer.stats.bytesAppended);
    expect(() => writer.addInterface({ name: 'q' })).toThrow(
      expect.objectContaining({ code: 'capture/writer-closed' }),
    );
    await expect(writer.close()).rejects.toMatchObject({ code: 'capture/writer-closed' });
  });

  it('reports a file it cannot create as capture/io', async () => {
    await expect(PcapngWriter.open(join(dir, 'missing', 'x.pcapng'))).rejects.toMatchObject({
      code: 'capture/io',
    });
  });

  it('surfaces a failed disk write as capture/io when closing', async () => {
    // /dev/full accepts open() and fails every write with ENOSPC.
    const writer = await PcapngWriter.open('/dev/full');
    const id = writer.addInterface({ name: 'p' });
    writer.writePacket({ interfaceId: id, timestampNs: 0n, data: frame(60) });
    await expect(writer.close()).rejects.toMatchObject({ code: 'capture/io' });
  });

  describe('bounded memory over 200k packets', () => {
    // Writing and re-reading 200k packets takes seconds on a loaded 2-core CI machine; the
    // assertions are about buffer bounds, not speed, so allow it the time it needs.
    jest.setTimeout(120_000);
    const PACKETS = 200_000;
    const options = { chunkSize: 64 * 1024, highWaterMark: 256 * 1024, maxBufferedBytes: 1024 * 1024 };

    it('stays under the high-water mark plus one chunk when the producer honours backpressure', async () => {
      const path = join(dir, 'long.pcapng');
      const writer = await PcapngWriter.open(path, options);
      const id = writer.addInterface({ name: 'p' });
      const data = frame(200);
      for (let i = 0; i < PACKETS; i++) {
        if (!writer.writePacket({ interfaceId: id, timestampNs: BigInt(i), data, direction: 'inbound' })) {
          await writer.drained();
        }
      }
      await writer.close();
      const stats = writer.stats;
      expect(stats.peakBufferedBytes).toBeLessThanOrEqual(options.highWaterMark + options.chunkSize);
      expect(stats.synchronousFlushes).toBe(0);
      expect(statSync(path).size).toBe(stats.bytesAppended);
      expect(stats.bytesAppended).toBeGreaterThan(PACKETS * 200);
      let count = 0;
      for await (const record of readPcapngFile(path))
        if (record.kind === 'packet' && record.packet.timestampNs === BigInt(count)) count++;
      expect(count).toBe(PACKETS);
    });

    it('stays under maxBufferedBytes plus one chunk when the producer never waits', async () => {
      const path = join(dir, 'firehose.pcapng');
      const writer = await PcapngWriter.open(path, options);
      const id = writer.addInterface({ name: 'p' });
      const data = frame(200);
      let refused = 0;
      for (let i = 0; i < PACKETS; i++) {
        if (!writer.writePacket({ interfaceId: id, timestampNs: BigInt(i), data })) refused++;
      }
      await writer.close();
      const stats = writer.stats;
      expect(refused).toBeGreaterThan(0);
      expect(stats.synchronousFlushes).toBeGreaterThan(0);
      expect(stats.peakBufferedBytes).toBeLessThanOrEqual(options.maxBufferedBytes + options.chunkSize);
      const capture = parsePcapng(readFileSync(path));
      expect(capture.packets).toHaveLength(PACKETS);
      expect(capture.packets.every((p, i) => p.timestampNs === BigInt(i))).toBe(true);
    });
  });
});
