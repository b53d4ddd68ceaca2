import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPcapngFile, noteText, PcapngWriter, type Direction } from '../src';
import { TcpFlag, tcpFrame, type TcpFrameSpec } from '../src/testing/frames';
import { tshark } from '../src/testing/tshark';

// Interoperability: a file written by PcapngWriter must decode in the real Wireshark (tshark)
// to the same fields our reader returns, with no malformed frames and no expert warnings.

const CLIENT = { mac: '02:00:00:00:00:02', ip: '10.0.0.2', port: 40000 };
const SERVER = { mac: '02:00:00:00:00:01', ip: '10.0.0.1', port: 7 };
const T0 = 1_700_000_000_123_456_789n;

interface Step {
  fromClient: boolean;
  seq: number;
  ack: number;
  flags: number;
  payload?: string;
  comments?: string[];
  /** A standalone note written just before this frame. */
  noteBefore?: string;
}

const { SYN, ACK, PSH, FIN } = TcpFlag;
const EXCHANGE: Step[] = [
  { fromClient: true, seq: 1000, ack: 0, flags: SYN, comments: ['scenario step 1: learner connects'] },
  { fromClient: false, seq: 0xfffffff0, ack: 1001, flags: SYN | ACK },
  { fromClient: true, seq: 1001, ack: 0xfffffff1, flags: ACK },
  {
    fromClient: true,
    seq: 1001,
    ack: 0xfffffff1,
    flags: PSH | ACK,
    payload: 'hello\n',
    comments: ['impairment: delayed 20 ms', 'échange #1'],
  },
  { fromClient: false, seq: 0xfffffff1, ack: 1007, flags: PSH | ACK, payload: 'hello\n' },
  {
    fromClient: true,
    seq: 1007,
    ack: 0xfffffff7,
    flags: FIN | ACK,
    noteBefore: 'scenario step 2: learner closes',
  },
  { fromClient: false, seq: 0xfffffff7, ack: 1008, flags: FIN | ACK },
  { fromClient: true, seq: 1008, ack: 0xfffffff8, flags: ACK },
];

function frameOf(step: Step): Buffer {
  const [src, dst] = step.fromClient ? [CLIENT, SERVER] : [SERVER, CLIENT];
  const spec: TcpFrameSpec = {
    srcMac: src.mac,
    dstMac: dst.mac,
    srcIp: src.ip,
    dstIp: dst.ip,
    srcPort: src.port,
    dstPort: dst.port,
    seq: step.seq,
    ack: step.ack,
    flags: step.flags,
    payload: Buffer.from(step.payload ?? ''),
  };
  return tcpFrame(spec);
}

describe('pcapng written by PcapngWriter, read by tshark', () => {
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'socklab-capture-'));
    file = join(dir, 'handshake.pcapng');
    const writer = await PcapngWriter.open(file, { userApplication: 'socklab capture test' });
    const learnerPort = writer.addInterface({
      name: 'sw0-p1',
      description: 'learner sandbox eth0',
      snapLength: 65535,
    });
    let peerPort: number | undefined;
    for (const [i, step] of EXCHANGE.entries()) {
      const timestampNs = T0 + BigInt(i) * 1_000_250n;
      if (step.noteBefore) writer.writeNote({ timestampNs: timestampNs - 1n, text: step.noteBefore });
      // The server's frames go on a port added mid-capture, after packets of the first one.
      if (!step.fromClient) peerPort ??= writer.addInterface({ name: 'sw0-p2', description: 'echo peer' });
      const direction: Direction = step.fromClient ? 'inbound' : 'outbound';
      writer.writePacket({
        interfaceId: step.fromClient ? learnerPort : peerPort!,
        timestampNs,
        data: frameOf(step),
        direction,
        comments: step.comments,
      });
    }
    await writer.close();
  });

  afterAll(() => {
    if (!process.env['KEEP_CAPTURE']) rmSync(dir, { recursive: true, force: true });
    else console.log(file);
  });

  it('decodes every frame to the fields we wrote, and our reader agrees', async () => {
    const fields = [
      'frame.number',
      'frame.time_epoch',
      'frame.interface_id',
      'frame.interface_name',
      'frame.comment',
      'frame.packet_flags_direction',
      'frame.len',
      'tcp.srcport',
      'tcp.dstport',
      'tcp.flags',
      'tcp.seq_raw',
      'tcp.ack_raw',
      'tcp.len',
    ];
    const out = tshark([
      '-r',
      file,
      '-T',
      'fields',
      '-E',
      'separator=/t',
      '-E',
      'aggregator=|',
      ...fields.flatMap((f) => ['-e', f]),
    ]);
    const rows = out
      .trimEnd()
      .split('\n')
      .map((line) => Object.fromEntries(line.split('\t').map((value, i) => [fields[i]!, value])));

    const capture = await loadPcapngFile(file);
    expect(rows).toHaveLength(capture.packets.length);
    expect(rows).toHaveLength(EXCHANGE.length + 1);

    const frames = rows.filter((row) => row['frame.interface_name'] !== 'socklab-notes');
    const ours = capture.packets.filter((p) => capture.interfaces[p.interfaceId]!.name !== 'socklab-notes');
    for (const [i, step] of EXCHANGE.entries()) {
      const row = frames[i]!;
      const packet = ours[i]!;
      const ns = T0 + BigInt(i) * 1_000_250n;
      expect(row['frame.time_epoch']).toBe(
        `${ns / 1_000_000_000n}.${(ns % 1_000_000_000n).toString().padStart(9, '0')}`,
      );
      expect(packet.timestampNs).toBe(ns);
      expect(Number(row['frame.interface_id'])).toBe(packet.interfaceId);
      expect(row['frame.interface_name']).toBe(step.fromClient ? 'sw0-p1' : 'sw0-p2');
      expect(row['frame.comment']).toBe((step.comments ?? []).join('|'));
      expect(packet.comments).toEqual(step.comments ?? []);
      expect(Number(row['frame.packet_flags_direction'])).toBe(step.fromClient ? 1 : 2);
      expect(packet.direction).toBe(step.fromClient ? 'inbound' : 'outbound');
      expect(Number(row['frame.len'])).toBe(packet.originalLength);
      expect(Number(row['tcp.srcport'])).toBe(step.fromClient ? CLIENT.port : SERVER.port);
      expect(Number(row['tcp.dstport'])).toBe(step.fromClient ? SERVER.port : CLIENT.port);
      expect(parseInt(row['tcp.flags']!, 16)).toBe(step.flags);
      expect(Number(row['tcp.seq_raw'])).toBe(step.seq);
      expect(Number(row['tcp.ack_raw'])).toBe(step.ack);
      expect(Number(row['tcp.len'])).toBe(step.payload?.length ?? 0);
      expect(Buffer.from(packet.data)).toEqual(frameOf(step));
    }
  });

  it('shows the scenario note as its own frame, in time order, with the text as its comment', async () => {
    const out = tshark([
      '-r',
      file,
      '-T',
      'fields',
      '-e',
      'frame.number',
      '-e',
      'frame.comment',
      '-e',
      '_ws.col.Protocol',
    ]);
    expect(out).toContain('6\tscenario step 2: learner closes\tsocklab\n');
    const capture = await loadPcapngFile(file);
    const note = capture.packets[5]!;
    expect(noteText(note.data)).toBe('scenario step 2: learner closes');
    expect(noteText(capture.packets[0]!.data)).toBeUndefined();
  });

  it('raises no malformed-packet or expert warning/error, with checksum validation on', () => {
    const flagged = tshark([
      '-r',
      file,
      '-Y',
      '_ws.malformed || _ws.expert.severity >= 0x600000',
      '-T',
      'fields',
      '-e',
      'frame.number',
    ]);
    expect(flagged).toBe('');
    // Checksum status 1 = "Good"; every frame but the note (6, no IP/TCP) must verify.
    const good = tshark([
      '-r',
      file,
      '-Y',
      'ip.checksum.status == 1 && tcp.checksum.status == 1',
      '-T',
      'fields',
      '-e',
      'frame.number',
    ]);
    expect(good.trim().split('\n')).toEqual(['1', '2', '3', '4', '5', '7', '8', '9']);
  });
});
