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
import { DIRECTIONS, SOCKET_ROLES, SYSCALLS, ERRNOS, TCP_STATES, TCP_STATE_ALIASES } from './vocabulary';

export const tcpState = vocabulary(TCP_STATES, 'state', TCP_STATE_ALIASES);

/** Flags written as in packet lines: "S", "F.", "R"; each letter at most once. */
export const flagLetters = z.string().regex(/^(?!.*(.).*\1)[SFRP.UEW]+$/, {
  error: 'flags are letters out of S F R P . U E W (. is ACK), each once',
});

export const packetPatternSchema = strictObject({
  direction: vocabulary(DIRECTIONS, 'direction').optional(),
  /** A host that sent or received the segment. */
  host: hostName.optional(),
  /** Flags that must be set. */
  flags: flagLetters.optional(),
  /** Flags that must be clear, e.g. {flags: S, without: .} is a SYN that is not a SYN-ACK. */
  without: flagLetters.optional(),
  /** Payload length bounds in bytes. */
  payloadBytes: strictObject({ min: count().optional(), max: count().optional() }).optional(),
}).meta({
  id: 'PacketPattern',
  description: 'Matches TCP segments by direction, host, flags and payload size.',
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

export type Trigger =
  | ({ kind: 'state' } & z.output<typeof stateReached>)
  | ({ kind: 'received' } & z.output<typeof receivedTrigger>)
  | ({ kind: 'process' } & z.output<typeof processEvent>)
  | { kind: 'step'; id: string };

/**
 * `when:` — a step waits for one observation: `{state: {host, reach}}`,
 * `{received: {conn, lines}}`, `{process: {host, exited: true}}` or `{step: <id>, done: true}`.
 */
export const triggerSchema = strictObject({
  state: stateReached.optional(),
  received: receivedTrigger.optional(),
  process: processEvent.optional(),
  step: kebabId('a step id').optional(),
  done: z.literal(true).optional(),
})
  .meta({
    oneOf: [
      { required: ['state'] },
      { required: ['received'] },
      { required: ['process'] },
      { required: ['step', 'done'] },
    ],
  })
  .superRefine((value, ctx) => {
    oneOfFields(['state', 'received', 'process', 'step'], 'a trigger', true)(value, ctx);
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
    if (value.received !== undefined) return { kind: 'received', ...value.received };
    if (value.process !== undefined) return { kind: 'process', ...value.process };
    return { kind: 'step', id: value.step as string };
  })
  .meta({ id: 'Trigger', description: 'What a step waits for before it acts.' });
