import { z } from 'zod';

/**
 * Events a lab run emits, in order, to the learner's live view and to late subscribers
 * (replayed from the run's Redis stream). Every event carries
 * - `seq`: 0, 1, 2, … per run, without gaps, in the order the lab emitted the events;
 *   consumers order deliveries and de-duplicate by it;
 * - `t`: milliseconds since the run started (monotonic clock): when the event happened.
 *
 * Timing and order. The lab emits each event as soon as it knows of it, while the run goes
 * on. Phases, output, packets and the peers' states (source `netstack`) are known as they
 * happen: `t` is their emission time. The learner's own socket states (source `kernel`)
 * and socket calls (`syscall`) come from tracers the lab reads every few tens of
 * milliseconds (longer while the runner is busy): they are emitted after they happened,
 * stamped with the time they happened — a state with the kernel's time of the change, a
 * call with the time it returned (or, if it never returned, the time its process ended).
 * So:
 * - within one source (the `state` events of one `source`; the `syscall` events) `t` never
 *   decreases along `seq` (a tracer's rare straggler older than what it already delivered
 *   is stamped with the later time);
 * - across sources it may: a kernel state emitted now can be older than the packet emitted
 *   just before it. A view that places events in time (ladder, state swimlanes) places
 *   them by `t`; `seq` is only the order of delivery.
 * trace.json (the run's artifact) holds the complete, merged timeline these events mirror.
 */
const base = {
  seq: z.int().min(0),
  t: z.number().min(0),
};

/**
 * The id of the scenario an event of a running program or of the lab network belongs to
 * (output of the learner's programs, states, packets, syscalls). Scenarios may run at once
 * (`socklab run` runs them concurrently), so a view groups these events by it. Absent on
 * build output, and on events of runners that predate it.
 */
const inScenario = { scenario: z.string().min(1).optional() };

/** The phases a learner sees; failed/cancelled arrive as `error` / `result` events. */
export const LAB_PHASES = ['queued', 'building', 'running', 'grading', 'done'] as const;

export const PhaseEventSchema = z.object({ ...base, type: z.literal('phase'), phase: z.enum(LAB_PHASES) });

export const OutputEventSchema = z.object({
  ...base,
  ...inScenario,
  type: z.literal('output'),
  /** `build` is compiler output; stdout/stderr come from the learner's running program. */
  stream: z.enum(['stdout', 'stderr', 'build']),
  /** Lab host that produced the output, e.g. "client" or "server". */
  host: z.string().min(1),
  /** UTF-8 text, possibly cut mid-line; the runner caps total output per run. */
  chunk: z.string(),
});

/**
 * TCP states in the RFC 9293 §3.3.2 vocabulary that every socklab library and trace.json
 * use (libs/netstack's TcpState, libs/trace's model, the exercise spec). Kernel names
 * (SYN_RECV, FIN_WAIT1, CLOSE, NEW_SYN_RECV) are mapped onto these at the source.
 */
export const TCP_STATES = [
  'CLOSED',
  'LISTEN',
  'SYN_SENT',
  'SYN_RECEIVED',
  'ESTABLISHED',
  'FIN_WAIT_1',
  'FIN_WAIT_2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
  'TIME_WAIT',
] as const;
export const TcpStateSchema = z.enum(TCP_STATES);

export const StateEventSchema = z.object({
  ...base,
  ...inScenario,
  type: z.literal('state'),
  /** Connection id: "<addr>:<port>-<addr>:<port>", lower endpoint first. */
  conn: z.string().min(1),
  /** The socket whose state changed: "<addr>:<port>". */
  endpoint: z.string().min(1),
  from: TcpStateSchema,
  to: TcpStateSchema,
  /**
   * Where the transition was observed; the trace keeps all sources side by side. The live
   * stream carries `kernel` (the learner's sockets) and `netstack` (the lab's peers).
   */
  source: z.enum(['kernel', 'ss', 'inferred', 'netstack']),
});

export const PacketEventSchema = z.object({
  ...base,
  ...inScenario,
  type: z.literal('packet'),
  /** 0-based index of the frame in the run's capture.pcapng. */
  index: z.int().min(0),
  src: z.string(),
  dst: z.string(),
  protocol: z.enum(['tcp', 'udp', 'icmp', 'arp', 'other']),
  /** Frame length on the wire, bytes. */
  length: z.int().min(0),
  /** One-line description, e.g. "SYN seq=0 win=64240 mss=1460". */
  summary: z.string(),
  tcp: z
    .object({
      flags: z.array(z.enum(['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR'])),
      seq: z.int().min(0),
      ack: z.int().min(0),
      window: z.int().min(0),
      payloadLength: z.int().min(0),
    })
    .optional(),
  /** Impairment applied to this frame by the lab network, if any. */
  impairment: z.enum(['dropped', 'delayed', 'reordered', 'duplicated']).optional(),
});

/** A learner program's socket call, emitted once it returned; `t` is when it returned. */
export const SyscallEventSchema = z.object({
  ...base,
  ...inScenario,
  type: z.literal('syscall'),
  host: z.string().min(1),
  pid: z.int().min(1),
  /** e.g. "connect", "accept4", "shutdown", "close", "write". */
  name: z.string().min(1),
  /** Arguments as strace prints them. */
  args: z.string(),
  /** Return value; negative results carry `errno`. */
  result: z.number(),
  errno: z.string().optional(),
  signal: z.string().optional(),
});

export const CheckEventSchema = z.object({
  ...base,
  type: z.literal('check'),
  scenario: z.string().min(1),
  id: z.string().min(1),
  status: z.enum(['pass', 'fail', 'skip', 'error']),
  points: z.number().min(0),
  maxPoints: z.number().min(0),
  message: z.string(),
});

export const ResultEventSchema = z.object({
  ...base,
  type: z.literal('result'),
  score: z.number().min(0),
  maxScore: z.number().min(0),
  /** False when infrastructure failed: the run does not count as an attempt. */
  gradable: z.boolean(),
});

export const ErrorEventSchema = z.object({
  ...base,
  type: z.literal('error'),
  /** Stable code, e.g. "lab/build-timeout", "sandbox/unavailable". */
  code: z.string().min(1),
  message: z.string(),
});

export const LabEventSchema = z.discriminatedUnion('type', [
  PhaseEventSchema,
  OutputEventSchema,
  StateEventSchema,
  PacketEventSchema,
  SyscallEventSchema,
  CheckEventSchema,
  ResultEventSchema,
  ErrorEventSchema,
]);

export type LabEvent = z.infer<typeof LabEventSchema>;
export type LabEventType = LabEvent['type'];
export type LabEventOf<T extends LabEventType> = Extract<LabEvent, { type: T }>;
/** An event before the publisher stamps its sequence number. */
export type UnsequencedLabEvent = LabEvent extends infer E
  ? E extends LabEvent
    ? Omit<E, 'seq'>
    : never
  : never;

/** The event types of a running program or of the lab network: they name their scenario. */
export const SCENARIO_EVENT_TYPES = [
  'output',
  'state',
  'packet',
  'syscall',
] as const satisfies readonly LabEventType[];

/** The scenario an event of a program or of the network names (undefined for the others). */
export function scenarioOf(event: LabEvent): string | undefined {
  return (SCENARIO_EVENT_TYPES as readonly string[]).includes(event.type)
    ? (event as { scenario?: string }).scenario
    : undefined;
}
