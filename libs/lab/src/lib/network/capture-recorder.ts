/**
 * The capture tap of one scenario's switch. Every frame is written to capture.pcapng on
 * the interface of the switch port it passed (inbound = entered the switch from the port's
 * host, outbound = left toward it), with the impairment decisions as packet comments;
 * scenario steps become notes. Frames on learner ports are also summarised for the trace
 * (passive inference, packets) and streamed as packet events — each frame exchanged with a
 * learner appears there exactly once.
 */
import { PcapngWriter } from '@socklab/capture';
import type { FrameAnnotation, PortId } from '@socklab/labnet';
import { formatIpv4, type TcpFlags } from '@socklab/netstack';
import {
  flagsText,
  segmentFromTcpRepr,
  type CapturedIcmpMessage,
  type CapturedSegment,
  type CapturedUdpDatagram,
  type ClockPair,
} from '@socklab/trace';
import type { LabEventSink } from '../events';
import { captureDatagram, describeDatagram } from './datagram-capture';
import { frameProtocol, parseTcpFrame } from './frame-summary';

export interface CapturePort {
  id: PortId;
  /** pcapng interface name and trace link name, e.g. 'server' or 'client'. */
  name: string;
  description: string;
  /** Frames through learner ports feed the trace and the live packet events. */
  learner: boolean;
}

type ImpairmentDecision = NonNullable<CapturedSegment['impairment']>;
type PacketImpairment = 'dropped' | 'delayed' | 'reordered' | 'duplicated';

export class CaptureRecorder {
  readonly segments: CapturedSegment[] = [];
  readonly udpDatagrams: CapturedUdpDatagram[] = [];
  readonly icmpMessages: CapturedIcmpMessage[] = [];
  private readonly interfaces = new Map<PortId, { id: number; port: CapturePort }>();
  private frameIndex = 0;
  private failure: unknown = null;
  /** Set when close() begins: the network is torn down after the capture, so frames may still come. */
  private closing = false;

  private constructor(
    private readonly writer: PcapngWriter,
    private readonly clock: ClockPair,
    private readonly events: LabEventSink,
    /** Called after each recorded frame (triggers re-evaluate). */
    private readonly onFrame: () => void,
  ) {}

  static async open(
    path: string,
    options: { clock: ClockPair; events: LabEventSink; comments: string[]; onFrame: () => void },
  ): Promise<CaptureRecorder> {
    const writer = await PcapngWriter.open(path, {
      userApplication: 'socklab lab engine',
      comments: options.comments,
    });
    return new CaptureRecorder(writer, options.clock, options.events, options.onFrame);
  }

  addPort(port: CapturePort): void {
    const id = this.writer.addInterface({ name: port.name, description: port.description });
    this.interfaces.set(port.id, { id, port });
  }

  /** A LearningSwitch FrameHook. Never throws: a capture failure is kept and reported at close. */
  readonly hook = (
    portId: PortId,
    direction: 'in' | 'out',
    frame: Uint8Array,
    timestampNs: bigint,
    annotations: readonly FrameAnnotation[],
  ): void => {
    const entry = this.interfaces.get(portId);
    if (!entry || this.failure !== null || this.closing) return;
    const index = this.frameIndex++;
    try {
      this.writer.writePacket({
        interfaceId: entry.id,
        timestampNs: this.realtime(timestampNs),
        data: frame,
        direction: direction === 'in' ? 'inbound' : 'outbound',
        comments: annotations.map((a) => a.text),
      });
    } catch (error) {
      this.failure = error;
      return;
    }
    if (entry.port.learner) this.summarise(index, entry.port, direction, frame, timestampNs, annotations);
    this.onFrame();
  };

  /** A scenario step or lab decision, as a note in the capture. */
  note(timestampNs: bigint, text: string): void {
    if (this.failure !== null || this.closing) return;
    try {
      this.writer.writeNote({ timestampNs: this.realtime(timestampNs), text });
      this.frameIndex++;
    } catch (error) {
      this.failure = error;
    }
  }

  /** Flushes and closes the file; rethrows the first write failure. Later frames and notes are not recorded. */
  async close(): Promise<void> {
    this.closing = true;
    await this.writer.close();
    if (this.failure !== null) throw this.failure;
  }

  private realtime(monotonicNs: bigint): bigint {
    return monotonicNs + (this.clock.realtimeNs - this.clock.monotonicNs);
  }

  private summarise(
    index: number,
    port: CapturePort,
    direction: 'in' | 'out',
    frame: Uint8Array,
    tNs: bigint,
    annotations: readonly FrameAnnotation[],
  ): void {
    const impairment = decisionOf(annotations);
    const parsed = parseTcpFrame(frame);
    if (parsed) {
      const summary = segmentFromTcpRepr(tNs, parsed.src, parsed.dst, parsed.tcp);
      this.segments.push({
        ...summary,
        index,
        link: port.name,
        direction,
        ...(impairment ? { impairment } : {}),
      });
    }
    const datagram = parsed
      ? null
      : captureDatagram(frame, {
          tNs,
          index,
          link: port.name,
          direction,
          ...(impairment ? { impairment } : {}),
        });
    if (datagram?.kind === 'udp') this.udpDatagrams.push(datagram.record);
    if (datagram?.kind === 'icmp') this.icmpMessages.push(datagram.record);
    const described = datagram ? describeDatagram(datagram) : null;
    const tcp = parsed?.tcp;
    this.events.emit({
      type: 'packet',
      index,
      src: parsed ? `${formatIpv4(parsed.src)}:${parsed.tcp.srcPort}` : (described?.src ?? port.name),
      dst: parsed ? `${formatIpv4(parsed.dst)}:${parsed.tcp.dstPort}` : (described?.dst ?? ''),
      protocol: frameProtocol(frame),
      length: frame.byteLength,
      summary: tcp
        ? `${flagsText(tcp.flags)} seq=${tcp.seq} ack=${tcp.ack} win=${tcp.window} len=${tcp.payload.length}`
        : (described?.summary ?? `${frameProtocol(frame)} frame on ${port.name}`),
      ...(tcp
        ? {
            tcp: {
              flags: contractFlags(tcp.flags),
              seq: tcp.seq,
              ack: tcp.ack,
              window: tcp.window,
              payloadLength: tcp.payload.length,
            },
          }
        : {}),
      ...(packetImpairment(annotations) ? { impairment: packetImpairment(annotations) } : {}),
    });
  }
}

function decisionOf(annotations: readonly FrameAnnotation[]): ImpairmentDecision | undefined {
  const first = annotations[0];
  if (!first) return undefined;
  const action: ImpairmentDecision['action'] =
    first.kind === 'dropped'
      ? 'drop'
      : first.kind === 'reordered'
        ? 'reorder'
        : first.kind === 'duplicated' || first.kind === 'duplicate-copy'
          ? 'duplicate'
          : first.kind === 'flooded'
            ? 'pass'
            : 'delay';
  return { action, rule: first.by };
}

function packetImpairment(annotations: readonly FrameAnnotation[]): PacketImpairment | undefined {
  for (const a of annotations) {
    if (a.kind === 'dropped') return 'dropped';
    if (a.kind === 'reordered') return 'reordered';
    if (a.kind === 'duplicated' || a.kind === 'duplicate-copy') return 'duplicated';
    if (a.kind === 'delayed' || a.kind === 'rate-limited') return 'delayed';
  }
  return undefined;
}

type ContractFlag = 'FIN' | 'SYN' | 'RST' | 'PSH' | 'ACK' | 'URG' | 'ECE' | 'CWR';

function contractFlags(flags: TcpFlags): ContractFlag[] {
  const names: [keyof TcpFlags, ContractFlag][] = [
    ['fin', 'FIN'],
    ['syn', 'SYN'],
    ['rst', 'RST'],
    ['psh', 'PSH'],
    ['ack', 'ACK'],
    ['urg', 'URG'],
    ['ece', 'ECE'],
    ['cwr', 'CWR'],
  ];
  return names.filter(([key]) => flags[key]).map(([, name]) => name);
}
