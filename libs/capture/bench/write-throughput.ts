/**
 * Write throughput of PcapngWriter, run with
 *   node -r @swc-node/register libs/capture/bench/write-throughput.ts [packets]
 * (or `npx nx run capture:bench`). For 64- and 1514-byte frames it prints packets/s and MB/s
 * written to a file in os.tmpdir(), the ratio against merely copying the same frames into a
 * buffer (the floor any writer pays), and the peak RSS growth during the run. Figures of one
 * run are compared with each other; absolute numbers depend on the machine.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PcapngWriter } from '../src';

const PACKETS = Number(process.argv[2] ?? 500_000);

function copyOnly(frame: Buffer, packets: number): number {
  const chunk = Buffer.allocUnsafe(64 * 1024);
  let used = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < packets; i++) {
    if (used + frame.length > chunk.length) used = 0;
    chunk.set(frame, used);
    used += frame.length;
  }
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function writeFile(
  frame: Buffer,
  packets: number,
): Promise<{ seconds: number; bytes: number; rssGrowth: number }> {
  const path = join(tmpdir(), `socklab-bench-${process.pid}-${frame.length}.pcapng`);
  const rssBefore = process.memoryUsage.rss();
  let rssPeak = rssBefore;
  const start = process.hrtime.bigint();
  const writer = await PcapngWriter.open(path);
  const port = writer.addInterface({ name: 'sw0-p1' });
  let t = 1_700_000_000_000_000_000n;
  for (let i = 0; i < packets; i++) {
    t += 1000n;
    const ok = writer.writePacket({
      interfaceId: port,
      timestampNs: t,
      data: frame,
      direction: i & 1 ? 'inbound' : 'outbound',
    });
    if (!ok) {
      await writer.drained();
      rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
    }
  }
  await writer.close();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
  const bytes = writer.stats.bytesWritten;
  rmSync(path, { force: true });
  return { seconds, bytes, rssGrowth: rssPeak - rssBefore };
}

async function main(): Promise<void> {
  console.log(`PcapngWriter write throughput, ${PACKETS} packets per size, node ${process.version}`);
  console.log('frame   packets/s    MB/s(file)  vs copy-only  peak RSS growth');
  for (const size of [64, 1514]) {
    const frame = Buffer.alloc(size, 0x5a);
    await writeFile(frame, Math.min(PACKETS, 50_000)); // warm-up
    const copy = copyOnly(frame, PACKETS);
    const run = await writeFile(frame, PACKETS);
    const pps = PACKETS / run.seconds;
    console.log(
      [
        `${size} B`.padEnd(7),
        pps.toFixed(0).padStart(10),
        (run.bytes / run.seconds / 1e6).toFixed(1).padStart(13),
        `${(run.seconds / copy).toFixed(1)}x`.padStart(13),
        `${(run.rssGrowth / 1024 / 1024).toFixed(1)} MiB`.padStart(16),
      ].join(' '),
    );
  }
}

void main();
