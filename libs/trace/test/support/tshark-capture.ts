/**
 * Live capture on a lab veth with tshark, printed as fields and turned into SegmentSummary.
 * tshark stamps frames with CLOCK_REALTIME; they are shifted onto CLOCK_MONOTONIC with a
 * clock pair, like strace's.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { runPython, waitFor } from './veth-lab';
import { parseUnixStamp, realtimeToMonotonic, sampleClockPair, type CapturedSegment } from '../../src';

const FIELDS = [
  'frame.time_epoch',
  'ip.src',
  'ip.dst',
  'tcp.srcport',
  'tcp.dstport',
  'tcp.flags',
  'tcp.seq_raw',
  'tcp.ack_raw',
  'tcp.len',
  'tcp.window_size_value',
];

const SENTINEL_PORT = 9;

export class TsharkCapture {
  private output = '';
  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly link: string,
  ) {
    child.stdout.on('data', (d: Buffer) => (this.output += d.toString()));
  }

  static async start(ns: string, ifname: string): Promise<TsharkCapture> {
    const args = [
      'netns',
      'exec',
      ns,
      'tshark',
      '-i',
      ifname,
      '-l',
      '-n',
      '-f',
      'tcp',
      '-T',
      'fields',
      '-E',
      'separator=,',
    ];
    for (const f of FIELDS) args.push('-e', f);
    const child = spawn('ip', args);
    await new Promise<void>((resolve, reject) => {
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        if (err.includes('Capturing on')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`tshark exited ${code}: ${err}`)));
    });
    return new TsharkCapture(child, ifname);
  }

  /**
   * tshark prints frames with a lag, so before stopping we send a sentinel SYN to the discard
   * port (answered by RST) from `fromNs` and wait until it has been printed; sentinel frames
   * are dropped from the result.
   */
  async stop(fromNs: string, toAddr: string): Promise<CapturedSegment[]> {
    await runPython(fromNs, `import socket\nsocket.socket().connect_ex(('${toAddr}', ${SENTINEL_PORT}))`);
    await waitFor('sentinel frame in tshark output', () =>
      this.output.includes(`,${SENTINEL_PORT},`) ? true : undefined,
    );
    const exited = new Promise((r) => this.child.once('exit', r));
    process.kill(this.child.pid!, 'SIGINT');
    await exited;
    const clock = sampleClockPair();
    return this.output
      .trim()
      .split('\n')
      .filter((l) => l !== '' && !l.includes(`,${SENTINEL_PORT},`))
      .map((line, index) => {
        const [time, src, dst, sport, dport, flags, seq, ack, len, win] = line.split(',');
        const bits = Number(flags);
        return {
          index,
          link: this.link,
          direction: 'in' as const,
          tNs: realtimeToMonotonic(parseUnixStamp(time), clock),
          src: { addr: src, port: Number(sport) },
          dst: { addr: dst, port: Number(dport) },
          flags: {
            fin: !!(bits & 1),
            syn: !!(bits & 2),
            rst: !!(bits & 4),
            psh: !!(bits & 8),
            ack: !!(bits & 16),
          },
          seq: Number(seq),
          ack: Number(ack),
          len: Number(len),
          window: Number(win),
        };
      });
  }
}
