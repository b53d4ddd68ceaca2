/**
 * The unified trace of one lab run: the document stored as `trace.json`.
 *
 * Time: every `t` is an integer number of NANOSECONDS since `clock.originNs`, which is a
 * CLOCK_MONOTONIC reading (decimal string, because absolute monotonic nanoseconds exceed
 * 2^53 after ~104 days of uptime). Relative times stay exact as JSON numbers for any run
 * shorter than 104 days, sort numerically and need no BigInt on the consumer side.
 * Kernel tracepoints (trace_clock=mono), capture timestamps (process.hrtime) and netstack
 * events are on CLOCK_MONOTONIC natively; strace's wall-clock stamps are shifted onto it
 * (see strace/clock-alignment.ts).
 *
 * States use the RFC 9293 §3.3.2 vocabulary of libs/netstack; each observation names the
 * source it came from, so a reader can tell ground truth from inference.
 */
import { z } from 'zod';
import { TCP_STATES } from './tcp-state';

export const TRACE_FORMAT_VERSION = 1;

const nanos = z.number().int().describe('nanoseconds since clock.originNs (CLOCK_MONOTONIC)');
const ipv4 = z.string().regex(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/, 'dotted-quad IPv4 address');
const port = z.number().int().min(0).max(65535);

export const tcpStateSchema = z.enum(TCP_STATES);

export const stateSourceSchema = z
  .enum(['kernel', 'ss', 'inferred', 'netstack'])
  .describe(
    'kernel: sock:inet_sock_set_state; ss: sock_diag snapshot; inferred: from frames; netstack: peer stack',
  );

export const socketAddressSchema = z.object({ addr: ipv4, port });

export const hostSchema = z.object({
  id: z.string().min(1),
  role: z.enum(['learner', 'peer']),
  name: z.string(),
  addresses: z.array(ipv4),
});

export const stateObservationSchema = z.object({
  t: nanos,
  state: tcpStateSchema,
  source: stateSourceSchema,
  cause: z.string().optional().describe("what moved the state, e.g. 'rcv SYN,ACK', 'close()', 'snapshot'"),
});

export const agreementSchema = z.object({
  sources: z.array(stateSourceSchema),
  transitions: z.number().int().nonnegative().describe('distinct transitions reported by any source'),
  agreed: z.number().int().nonnegative().describe('transitions every compared source reported'),
  fraction: z.number().min(0).max(1),
  disagreements: z.array(z.string()),
});

export const connectionEndpointSchema = z.object({
  hostId: z.string().nullable(),
  local: socketAddressSchema,
  states: z.array(stateObservationSchema).describe('ordered by t, then by source'),
  agreement: agreementSchema.optional(),
});

export const connectionSchema = z.object({
  id: z.string().min(1),
  /** endpoints[0] opened actively (sent the first SYN) when that is known. */
  endpoints: z.tuple([connectionEndpointSchema, connectionEndpointSchema]),
});

export const tcpEventSchema = z.object({
  t: nanos,
  kind: z.enum(['reset-sent', 'reset-received', 'retransmit', 'synack-retransmit']),
  connectionId: z.string().nullable(),
  local: socketAddressSchema,
  remote: socketAddressSchema,
  state: tcpStateSchema.optional(),
  reason: z.string().optional().describe('kernel sk_rst_reason for reset-sent'),
});

export const impairmentDecisionSchema = z.object({
  action: z.enum(['pass', 'drop', 'delay', 'duplicate', 'reorder', 'corrupt']),
  rule: z.string().optional(),
  delayNs: z.number().int().nonnegative().optional(),
});

const frameOnLinkFields = {
  index: z.number().int().nonnegative().describe('0-based index of the frame in capture.pcapng'),
  t: nanos,
  link: z.string().describe('switch port / pcapng interface name'),
  direction: z
    .enum(['in', 'out'])
    .describe("'in': entered the switch from the link's host; 'out': left toward it"),
  impairment: impairmentDecisionSchema.optional(),
};

export const packetSchema = z.object({
  ...frameOnLinkFields,
  connectionId: z.string().nullable(),
  src: socketAddressSchema,
  dst: socketAddressSchema,
  flags: z.string().describe("tcpdump style: 'S', 'S.', '.', 'P.', 'F.', 'R', 'R.'"),
  seq: z.number().int().nonnegative().describe('relative to the sender ISN'),
  ack: z.number().int().nonnegative().nullable().describe('relative to the peer ISN; null without ACK'),
  len: z.number().int().nonnegative(),
  window: z.number().int().nonnegative(),
});

/** Bytes of a UDP payload kept in the trace: enough for protocol messages, bounded for floods. */
export const UDP_PAYLOAD_KEPT = 512;

export const udpDatagramSchema = z.object({
  ...frameOnLinkFields,
  src: socketAddressSchema,
  dst: socketAddressSchema,
  len: z.number().int().nonnegative().describe('payload length in bytes'),
  payload: z.string().describe(`base64 of the payload's first ${UDP_PAYLOAD_KEPT} bytes`),
});

export const icmpMessageSchema = z.object({
  ...frameOnLinkFields,
  src: ipv4,
  dst: ipv4,
  type: z.number().int().min(0).max(255).describe('RFC 792 type, e.g. 3 destination unreachable'),
  code: z.number().int().min(0).max(255).describe('RFC 792 code, e.g. 3 port unreachable (with type 3)'),
  quoted: z
    .object({
      protocol: z.enum(['tcp', 'udp', 'icmp', 'other']),
      src: socketAddressSchema,
      dst: socketAddressSchema,
    })
    .optional()
    .describe('error messages: the datagram they are about (its IP header and first 8 bytes, RFC 792)'),
});

export const syscallSchema = z.object({
  pid: z.number().int(),
  tStart: nanos,
  tEnd: nanos.nullable().describe('null when the call never returned (process died inside it)'),
  name: z.string(),
  fd: z.number().int().nullable(),
  socket: z
    .object({
      protocol: z.string().optional(),
      inode: z.number().int().optional(),
      local: socketAddressSchema.optional(),
      remote: socketAddressSchema.optional(),
    })
    .nullable(),
  args: z.string().describe('arguments as strace printed them'),
  ret: z.string().nullable().describe("return value as printed ('3', '-1', '?')"),
  errno: z.string().nullable().describe("errno name, e.g. 'EPIPE', 'ECONNREFUSED'"),
  errnoText: z.string().nullable(),
  durationNs: z.number().int().nonnegative().nullable(),
});

export const processEventSchema = z.object({
  pid: z.number().int(),
  t: nanos,
  kind: z.enum(['start', 'signal', 'exit', 'killed']),
  exitCode: z.number().int().optional(),
  signal: z.string().optional().describe("e.g. 'SIGPIPE'"),
  detail: z.string().optional(),
});

export const scenarioStepSchema = z.object({
  index: z.number().int().nonnegative(),
  t: nanos,
  name: z.string(),
  detail: z.string().optional(),
});

export const counterDiffSchema = z.object({
  hostId: z.string(),
  before: z.record(z.string(), z.number()),
  after: z.record(z.string(), z.number()),
  diff: z.record(z.string(), z.number()).describe('after − before, only counters that changed'),
});

export const sourceStatusSchema = z.object({
  source: z.enum(['kernel', 'ss', 'inferred', 'netstack', 'strace', 'nstat', 'capture']),
  status: z.enum(['ok', 'partial', 'unavailable']),
  reason: z.string().optional(),
  lostEvents: z.number().int().nonnegative().optional(),
});

export const traceSchema = z.object({
  version: z.literal(TRACE_FORMAT_VERSION),
  clock: z.object({
    source: z.literal('CLOCK_MONOTONIC'),
    originNs: z.string().regex(/^\d+$/).describe('CLOCK_MONOTONIC nanoseconds of t = 0'),
  }),
  sources: z.array(sourceStatusSchema),
  hosts: z.array(hostSchema),
  connections: z.array(connectionSchema),
  tcpEvents: z.array(tcpEventSchema),
  packets: z.array(packetSchema),
  /** Absent in traces written before UDP and ICMP were recorded. */
  udpDatagrams: z.array(udpDatagramSchema).optional(),
  icmpMessages: z.array(icmpMessageSchema).optional(),
  syscalls: z.array(syscallSchema),
  processEvents: z.array(processEventSchema),
  steps: z.array(scenarioStepSchema),
  counters: z.array(counterDiffSchema),
});

export type Trace = z.infer<typeof traceSchema>;
export type TraceHost = z.infer<typeof hostSchema>;
export type TraceConnection = z.infer<typeof connectionSchema>;
export type TraceConnectionEndpoint = z.infer<typeof connectionEndpointSchema>;
export type StateObservation = z.infer<typeof stateObservationSchema>;
export type StateSource = z.infer<typeof stateSourceSchema>;
export type SocketAddress = z.infer<typeof socketAddressSchema>;
export type TraceTcpEvent = z.infer<typeof tcpEventSchema>;
export type TracePacket = z.infer<typeof packetSchema>;
export type TraceUdpDatagram = z.infer<typeof udpDatagramSchema>;
export type TraceIcmpMessage = z.infer<typeof icmpMessageSchema>;
export type TraceSyscall = z.infer<typeof syscallSchema>;
export type TraceProcessEvent = z.infer<typeof processEventSchema>;
export type ScenarioStep = z.infer<typeof scenarioStepSchema>;
export type CounterDiff = z.infer<typeof counterDiffSchema>;
export type SourceStatus = z.infer<typeof sourceStatusSchema>;
export type Agreement = z.infer<typeof agreementSchema>;
