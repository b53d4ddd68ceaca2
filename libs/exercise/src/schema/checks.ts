/**
 * Checks: what is graded. Each has learner-facing text and exactly one assertion, evaluated
 * by libs/grader over the merged timeline of every scenario it applies to (all scenarios
 * unless `scenarios` lists some); it passes only if it passes in each of them.
 */
import { z } from 'zod';
import {
  connName,
  count,
  exactlyOneOf,
  hostName,
  kebabId,
  ms,
  oneOfFields,
  regexSource,
  strictObject,
  vocabulary,
} from './builders';
import { packetPatternSchema, socketSelectorSchema, tcpState, timelineEventSchema } from './observations';
import {
  COMPARISONS,
  COUNTERS,
  DETERMINISTIC_BYTE_PATTERNS,
  ERRNOS,
  SIGNALS,
  SYSCALLS,
  TCP_STATES,
  TCP_STATE_ALIASES,
  VISIBILITIES,
  type TcpStateName,
} from './vocabulary';
import { didYouMean } from './suggest';

export type PathElement = { kind: 'state'; state: TcpStateName; optional: boolean } | { kind: 'any' };

/** "ESTABLISHED" (must occur), "SYN_RECEIVED?" (may occur), "*" (any states, possibly none). */
const pathElement = z.string().transform((text, ctx): PathElement => {
  if (text === '*') return { kind: 'any' };
  const optional = text.endsWith('?');
  const name = optional ? text.slice(0, -1) : text;
  if ((TCP_STATES as readonly string[]).includes(name))
    return { kind: 'state', state: name as TcpStateName, optional };
  ctx.addIssue({
    code: 'custom',
    message: `unknown state "${name}"${didYouMean(name, TCP_STATES, TCP_STATE_ALIASES) || ` — expected a TCP state, "STATE?" or "*"`}`,
  });
  return z.NEVER;
});

const bounds = strictObject({ min: count().optional(), max: count().optional() }).superRefine(
  (range, ctx) => {
    if (range.min === undefined && range.max === undefined)
      ctx.addIssue({ code: 'custom', message: 'give min, max or both' });
    if (range.min !== undefined && range.max !== undefined && range.min > range.max) {
      ctx.addIssue({ code: 'custom', message: `min ${range.min} is greater than max ${range.max}` });
    }
  },
);

const statePath = strictObject({
  socket: socketSelectorSchema,
  /** The socket's states in order, from its first to its last observed state. */
  path: z.array(pathElement).min(1),
  /** every: each selected socket follows the path (and at least one exists); some: at least one does. */
  quantifier: vocabulary(['every', 'some'], 'quantifier').default('every'),
  /** Optional bound on how long a socket may stay in one state, e.g. leave CLOSE_WAIT within 500 ms. */
  dwell: strictObject({ state: tcpState, maxMs: ms() }).optional(),
});

const packets = strictObject({
  match: packetPatternSchema.optional(),
  /** How many segments match (retransmissions included). */
  count: bounds.optional(),
  /** Shorthand for count {max: 0}. */
  none: z.literal(true).optional(),
  /** The payloads of the matching segments, in sequence order, each byte once. */
  payload: strictObject({ equals: z.string().optional(), contains: z.string().optional() })
    .superRefine(oneOfFields(['equals', 'contains'], 'payload', true))
    .optional(),
  /** Only segments between these two events count. */
  within: strictObject({ from: timelineEventSchema, to: timelineEventSchema }).optional(),
  /** Per connection: the first segment matching `first` precedes the first matching `then`. */
  order: strictObject({ first: packetPatternSchema, then: packetPatternSchema }).optional(),
}).superRefine((value, ctx) => {
  if (value.order !== undefined) {
    if (
      value.match !== undefined ||
      value.count !== undefined ||
      value.none !== undefined ||
      value.payload !== undefined
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['order'],
        message: 'order stands alone: drop match/count/none/payload',
      });
    }
    return;
  }
  if (value.match === undefined) ctx.addIssue({ code: 'custom', message: 'packets needs match (or order)' });
  oneOfFields(['count', 'none', 'payload'], 'packets', true)(value, ctx);
});

const syscall = strictObject({
  host: hostName,
  name: vocabulary(SYSCALLS, 'system call'),
  ret: z.number().int().optional(),
  errno: vocabulary(ERRNOS, 'errno').optional(),
  /** How many calls match; default at least one. */
  count: bounds.default({ min: 1 }),
  /**
   * Only calls on a socket made more than `graceMs` after the first segment of that socket's
   * own connection matching `match`: e.g. writes still made 200 ms after the peer's RST.
   */
  afterSegment: strictObject({ match: packetPatternSchema, graceMs: ms() }).optional(),
});

const processAssertion = strictObject({
  host: hostName,
  exitCode: count(0, 255).optional(),
  /** false: never killed by a signal; a signal name: killed by that signal. */
  killed: z.union([z.literal(false), vocabulary(SIGNALS, 'signal')]).optional(),
  stdout: strictObject({ equals: z.string().optional(), matches: regexSource.optional() })
    .superRefine(oneOfFields(['equals', 'matches'], 'stdout', true))
    .optional(),
  aliveAtEnd: z.boolean().optional(),
}).superRefine((value, ctx) => {
  if ([value.exitCode, value.killed, value.stdout, value.aliveAtEnd].every((entry) => entry === undefined)) {
    ctx.addIssue({ code: 'custom', message: 'process needs exitCode, killed, stdout or aliveAtEnd' });
  }
});

/**
 * The time from `from` to `to` lies in [min, max], widened by `tolerance` on both sides —
 * packetdrill's rule for timing slop (its default tolerance is 4 ms).
 */
const timing = strictObject({
  from: timelineEventSchema,
  to: timelineEventSchema,
  min: ms().optional(),
  max: ms().optional(),
  tolerance: ms(5_000).default(4),
}).superRefine((value, ctx) => {
  if (value.min === undefined && value.max === undefined)
    ctx.addIssue({ code: 'custom', message: 'timing needs min, max or both' });
  if (value.min !== undefined && value.max !== undefined && value.min > value.max) {
    ctx.addIssue({
      code: 'custom',
      path: ['min'],
      message: `min ${value.min} is greater than max ${value.max}`,
    });
  }
});

const counter = strictObject({
  name: vocabulary(COUNTERS, 'counter'),
  host: hostName.optional(),
  op: vocabulary(COMPARISONS, 'comparison'),
  value: count(),
});

/**
 * Text, everything a connection sent (`{sent: c1}`), generated bytes of a deterministic
 * pattern (`{bytes: 262144, pattern: alphabet}`, the bytes `send: {bytes, pattern}` sends),
 * or a host's IPv4 address as dotted text (`{address: client}`: the lab assigns addresses
 * per run, so a greeting that names the peer's address cannot be written as text).
 */
const streamPart = z.union(
  [
    z.string(),
    strictObject({ sent: connName }),
    strictObject({
      bytes: count(0, 67_108_864),
      pattern: vocabulary(DETERMINISTIC_BYTE_PATTERNS, 'byte pattern (random is not known to the grader)'),
    }),
    strictObject({ address: hostName }),
  ],
  {
    error:
      'a stream part is text, {sent: <connection>}, {bytes: <n>, pattern: <pattern>} or {address: <host>}',
  },
);

const stream = strictObject({
  /** A peer connection whose received bytes are checked. */
  conn: connName,
  equals: z.array(streamPart).min(1).optional(),
  startsWith: z.array(streamPart).min(1).optional(),
  endsWith: z.array(streamPart).min(1).optional(),
}).superRefine(oneOfFields(['equals', 'startsWith', 'endsWith'], 'stream', true));

export const checkSchema = exactlyOneOf(
  'a check',
  'assert',
  {
    id: kebabId('a check id'),
    title: z.string().min(1),
    points: count(0, 1000),
    visibility: vocabulary(VISIBILITIES, 'visibility').default('visible'),
    /** Learner-facing: what was expected and why, naming the concept. */
    explanation: z.string().min(1),
    scenarios: z.array(kebabId('a scenario id')).min(1).optional(),
  },
  { statePath, packets, syscall, process: processAssertion, timing, counter, stream },
).meta({ id: 'Check', description: 'A graded check: learner-facing text and exactly one assertion.' });
export type Check = z.output<typeof checkSchema>;
export type Assertion = Check['assert'];
