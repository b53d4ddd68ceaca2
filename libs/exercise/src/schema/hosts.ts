/**
 * The hosts of a lab network: learner hosts run the submitted program on the real Linux
 * stack; peers are scripted hosts of our userspace TCP stack. Both share one namespace
 * of names, which steps and checks refer to.
 */
import { z } from 'zod';
import {
  argvTemplate,
  count,
  hostName,
  ms,
  portRef,
  regexSource,
  strictObject,
  templateString,
  vocabulary,
} from './builders';
import { didYouMean } from './suggest';
import { SYSCTL_RANGES, SYSCTLS, type SysctlName } from './vocabulary';

const readinessObject = strictObject({
  /** Ready once the program has a LISTEN socket on this port. */
  listen: strictObject({ port: portRef }).optional(),
  /** Ready once stdout has a line matching this regular expression. */
  output: regexSource.optional(),
}).superRefine((value, ctx) => {
  const set = [value.listen, value.output].filter((entry) => entry !== undefined).length;
  if (set !== 1)
    ctx.addIssue({ code: 'custom', message: 'readiness is "started", {listen: {port}} or {output: regex}' });
});

const sysctlsSchema = z
  // Names are checked below (with a suggestion for near misses); the enum is for JSON Schema.
  .record(z.string().meta({ enum: SYSCTLS }), z.number().int())
  .superRefine((settings, ctx) => {
    for (const [name, value] of Object.entries(settings)) {
      if (!(name in SYSCTL_RANGES)) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `unknown sysctl "${name}"${didYouMean(name, SYSCTLS) || ` — expected ${SYSCTLS.join(', ')}`}`,
        });
        continue;
      }
      const [min, max] = SYSCTL_RANGES[name as SysctlName];
      if (value < min || value > max)
        ctx.addIssue({ code: 'custom', path: [name], message: `${name} takes ${min}…${max}, not ${value}` });
    }
  })
  .transform((settings) => settings as Partial<Record<SysctlName, number>>)
  .default({});

export type Readiness =
  { kind: 'started' } | { kind: 'listen'; port: number | '{port}' } | { kind: 'output'; pattern: string };

/** When the lab considers a learner program up and lets the scenario's steps begin. */
export const readinessSchema = z
  .union([z.literal('started'), readinessObject])
  .transform((value): Readiness => {
    if (value === 'started') return { kind: 'started' };
    if (value.listen !== undefined) return { kind: 'listen', port: value.listen.port };
    return { kind: 'output', pattern: value.output as string };
  });

export const learnerHostSchema = strictObject({
  name: hostName,
  role: vocabulary(['server', 'client'], 'role'),
  /** Appended to the language's run command; placeholders {port}, {host}, {file}. */
  args: argvTemplate.default([]),
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), templateString).default({}),
  ready: readinessSchema.prefault('started'),
  /** How long the program may take to become ready. */
  readyTimeout: ms(60_000).default(5_000),
  /** auto: started when the scenario begins; manual: started by a `start` step. */
  start: vocabulary(['auto', 'manual'], 'start mode').default('auto'),
  /** The host whose address `{host}` stands for; defaults to the only peer. */
  target: hostName.optional(),
  /** Kernel settings of this host's network namespace, set before the program starts. */
  sysctls: sysctlsSchema,
}).meta({ id: 'LearnerHost', description: 'A host running the submitted program on the real Linux stack.' });
export type LearnerHost = z.output<typeof learnerHostSchema>;

/** Overrides of the netstack's TcpConfig for one peer; absent fields keep the stack's defaults. */
export const peerTcpSchema = strictObject({
  mss: count(88, 65495).optional(),
  receiveBuffer: count(1, 16_777_216).optional(),
  sendBuffer: count(1, 67_108_864).optional(),
  /** Window scale shift to offer (RFC 7323); null = do not offer. */
  windowScale: z.number().int().min(0).max(14).nullable().optional(),
  /** Delayed-ACK timeout (RFC 9293 §3.8.6.3); 0 = acknowledge at once. */
  delayedAck: ms(500).optional(),
  initialRto: ms(60_000).optional(),
  minRto: ms(60_000).optional(),
  maxRto: ms(120_000).optional(),
  maxRetransmissions: count(0, 30).optional(),
  /** 2×MSL (RFC 9293 §3.6.1). */
  timeWait: ms(240_000).optional(),
  keepalive: strictObject({ idle: ms(), interval: ms(), probes: count(1, 100) })
    .nullable()
    .optional(),
});

export const peerSchema = strictObject({
  name: hostName,
  description: z.string().optional(),
  tcp: peerTcpSchema.prefault({}),
}).meta({ id: 'Peer', description: 'A scripted host of the userspace TCP stack.' });
export type Peer = z.output<typeof peerSchema>;

export const hostsSchema = strictObject({
  learner: z
    .array(learnerHostSchema)
    .min(1, { error: 'at least one learner host runs the submitted program' }),
  peers: z.array(peerSchema).default([]),
});
export type Hosts = z.output<typeof hostsSchema>;
