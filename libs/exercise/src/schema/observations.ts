/**
 * What steps wait for and checks talk about: packet patterns, socket selectors, timeline
 * events and step triggers. All name hosts, connections and steps that cross-references.ts
 * resolves after parsing.
 */
import { z } from 'zod';
import {
  connName,
  count,
  exactlyOneOf,
  hostName,
  kebabId,
  oneOfFields,
  portRef,
  regexSource,
  strictObject,
  vocabulary,
} from './builders';
import {
  CAPTURE_COUNTERS,
  COMPARISONS,
  DIRECTIONS,
  ERRNOS,
  ICMP_KINDS,
  PROTOCOLS,
  SOCKET_ROLES,
  SYSCALLS,
  TCP_STATES,
  TCP_STATE_ALIASES,
  type ProtocolName,
} from './vocabulary';

export const tcpState = vocabulary(TCP_STATES, 'state', TCP_STATE_ALIASES);

/** Flags written as in packet lines: "S", "F.", "R"; each letter at most once. */
export const flagLetters = z.string().regex(/^(?!.*(.).*\1)[SFRP.UEW]+$/, {
  error: 'flags are letters out of S F R P . U E W (. is ACK), each once',
});

/** Pattern fields that only make sense for one protocol, and what its packets are called. */
const PROTOCOL_ONLY_FIELDS = [
  ['flags', 'tcp', 'TCP segments'],
  ['without', 'tcp', 'TCP segments'],
  ['data', 'udp', 'UDP datagrams'],
  ['icmp', 'icmp', 'ICMP messages'],
  ['answersAfterEnd', 'tcp', 'TCP segments'],
] as const;

export const packetPatternSchema = strictObject({
  /** tcp (the default): TCP segments; udp: UDP datagrams; icmp: ICMP messages. */
  protocol: vocabulary(PROTOCOLS, 'protocol').optional(),
  direction: vocabulary(DIRECTIONS, 'direction').optional(),
  /** A host that sent or received the packet. */
  host: hostName.optional(),
  /** Flags that must be set. */
  flags: flagLetters.optional(),
  /** Flags that must be clear, e.g. {flags: S, without: .} is a SYN that is not a SYN-ACK. */
  without: flagLetters.optional(),
  /** Payload length bounds in bytes (TCP segment or UDP datagram). */
  payloadBytes: strictObject({ min: count().optional(), max: count().optional() }).optional(),
  /** UDP: the payload is exactly this text (UTF-8). */
  data: z.string().optional(),
  /** ICMP: the kind of message, e.g. port-unreachable (type 3 code 3). */
  icmp: vocabulary(ICMP_KINDS, 'ICMP message').optional(),
  /**
   * TCP, checks only: whether the segment answers one that reached its sender after the
   * connection had ended there (its FIN acknowledged, the other side's FIN acknowledged by
   * it). Such a segment meets no connection, and the kernel answers it with RST from a
   * LISTEN socket, from TIME-WAIT or from no socket (RFC 9293 §3.10.7.1–2): a late
   * retransmission or a duplicate ACK draws it, not anything the program did. false leaves
   * those answers out ("no RST from the program"); true keeps only them.
   */
  answersAfterEnd: z.boolean().optional(),
})
  .superRefine((pattern, ctx) => {
    const protocol: ProtocolName = pattern.protocol ?? 'tcp';
    for (const [field, only, packets] of PROTOCOL_ONLY_FIELDS) {
      if (pattern[field] === undefined || protocol === only) continue;
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message:
          pattern.protocol === undefined
            ? `${field} applies to ${packets} only: add protocol: ${only}`
            : `${field} applies to ${packets} only, and this pattern has protocol: ${protocol}`,
      });
    }
    if (pattern.payloadBytes !== undefined && protocol === 'icmp') {
      ctx.addIssue({
        code: 'custom',
        path: ['payloadBytes'],
        message: 'payloadBytes applies to TCP segments and UDP datagrams, not ICMP messages',
      });
    }
  })
  .meta({
    id: 'PacketPattern',
    description:
      'Matches TCP segments (flags, payload size), UDP datagrams (payload size or text) or ICMP messages (kind), by direction and host.',
  });
export type PacketPattern = z.output<typeof packetPatternSchema>;

/** Which sockets a check or trigger is about; without `nth` it means every matching socket. */
export const socketSelectorSchema = strictObject({
  host: hostName,
  role: vocabulary(SOCKET_ROLES, 'socket role').optional(),
  port: portRef.optional(),
  /** 1-based, in order of creation. */
  nth: count(1).optional(),
}).meta({ id: 'SocketSelector' });
export type SocketSelector = z.output<typeof socketSelectorSchema>;

const stateReached = socketSelectorSchema.extend({ reach: tcpState });

const processEvent = strictObject({
  host: hostName,
  started: z.literal(true).optional(),
  ready: z.literal(true).optional(),
  exited: z.literal(true).optional(),
  /** A stdout line matching this regular expression. */
  printed: regexSource.optional(),
}).superRefine(oneOfFields(['started', 'ready', 'exited', 'printed'], 'a process event', true));

/** A point on the run's timeline, for timing checks and packet windows. */
export const timelineEventSchema = exactlyOneOf(
  'an event',
  'on',
  { occurrence: vocabulary(['first', 'last'], 'occurrence').default('first') },
  {
    packet: packetPatternSchema,
    state: stateReached,
    process: processEvent,
    syscall: strictObject({
      host: hostName,
      name: vocabulary(SYSCALLS, 'system call'),
      errno: vocabulary(ERRNOS, 'errno').optional(),
    }),
    /** The end of a step (by id). */
    step: kebabId('a step id').transform((id) => ({ id })),
    /** "start" or "end" of the scenario. */
    scenario: vocabulary(['start', 'end'], 'scenario boundary').transform((at) => ({ at })),
  },
).meta({ id: 'TimelineEvent', description: 'A point on the run timeline.' });
export type TimelineEvent = z.output<typeof timelineEventSchema>;

const receivedTrigger = strictObject({
  conn: connName,
  /** Complete lines received so far on the connection (not necessarily read). */
  lines: count(1).optional(),
  bytes: count(1).optional(),
  /** The other side's FIN arrived. */
  eof: z.literal(true).optional(),
}).superRefine(oneOfFields(['lines', 'bytes', 'eof'], 'a received trigger', true));

/** A counter of the capture so far (as the counter check counts it), compared with a value. */
const counterReached = strictObject({
  name: vocabulary(CAPTURE_COUNTERS, 'counter a step can wait for'),
  /** Only segments this host sent (received, for resetsReceived). */
  host: hostName.optional(),
  op: vocabulary(COMPARISONS, 'comparison'),
  value: count(),
});

export type Trigger =
  | ({ kind: 'state' } & z.output<typeof stateReached>)
  | ({ kind: 'counter' } & z.output<typeof counterReached>)
  | ({ kind: 'received' } & z.output<typeof receivedTrigger>)
  | ({ kind: 'process' } & z.output<typeof processEvent>)
  | { kind: 'step'; id: string };

/**
 * `when:` — a step waits for one observation: `{state: {host, reach}}`,
 * `{received: {conn, lines}}`, `{process: {host, exited: true}}`, `{step: <id>, done: true}`
 * or `{counter: {name: zeroWindowProbes, host, op: '>=', value: 1}}`.
 */
export const triggerSchema = strictObject({
  state: stateReached.optional(),
  counter: counterReached.optional(),
  received: receivedTrigger.optional(),
  process: processEvent.optional(),
  step: kebabId('a step id').optional(),
  done: z.literal(true).optional(),
})
  .meta({
    oneOf: [
      { required: ['state'] },
      { required: ['counter'] },
      { required: ['received'] },
      { required: ['process'] },
      { required: ['step', 'done'] },
    ],
  })
  .superRefine((value, ctx) => {
    oneOfFields(['state', 'counter', 'received', 'process', 'step'], 'a trigger', true)(value, ctx);
    if (value.step !== undefined && value.done === undefined) {
      ctx.addIssue({ code: 'custom', message: `write {step: ${value.step}, done: true}` });
    }
    if (value.done !== undefined && value.step === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['done'],
        message: '"done" belongs to a step trigger {step: <id>, done: true}',
      });
    }
  })
  .transform((value): Trigger => {
    if (value.state !== undefined) return { kind: 'state', ...value.state };
    if (value.counter !== undefined) return { kind: 'counter', ...value.counter };
    if (value.received !== undefined) return { kind: 'received', ...value.received };
    if (value.process !== undefined) return { kind: 'process', ...value.process };
    return { kind: 'step', id: value.step as string };
  })
  .meta({ id: 'Trigger', description: 'What a step waits for before it acts.' });
