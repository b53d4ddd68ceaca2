/**
 * trace.json (libs/trace's model, stored as `{ scenarios: { <id>: Trace } }`) as the
 * pictures the run views draw. Only the fields drawn are read, and checked: a document
 * this portal cannot read is reported with the path of the first problem.
 *
 * Times in trace.json are nanoseconds on one monotonic axis per scenario; packets, states
 * and calls sort together by them (`order`) and read as milliseconds (`timeMs`).
 */
import { TcpStateSchema } from '@socklab/contracts';
import { z } from 'zod';
import { flagsFromTcpdump } from '../ladder/segment-label';
import type { ConnectionRecord, Impairment, ScenarioPicture, SegmentRecord, StateRecord, SyscallRecord } from './picture';

const address = z.object({ addr: z.string(), port: z.number() });


const endpointSchema = z.object({
  local: address,
  states: z.array(
    z.object({
      t: z.number(),
      state: TcpStateSchema,
      source: z.enum(['kernel', 'ss', 'inferred', 'netstack']),
      cause: z.string().optional(),
    }),
  ),
});

const traceSchema = z.object({
  hosts: z.array(z.object({ role: z.enum(['learner', 'peer']), name: z.string(), addresses: z.array(z.string()) })),
  connections: z.array(z.object({ id: z.string(), endpoints: z.tuple([endpointSchema, endpointSchema]) })),
  packets: z.array(
    z.object({
      index: z.number(),
      t: z.number(),
      direction: z.enum(['in', 'out']),
      connectionId: z.string().nullable(),
      src: address,
      dst: address,
      flags: z.string(),
      seq: z.number(),
      ack: z.number().nullable(),
      len: z.number(),
      window: z.number(),
      impairment: z.object({ action: z.string() }).optional(),
    }),
  ),
  syscalls: z.array(
    z.object({
      pid: z.number(),
      tStart: z.number(),
      tEnd: z.number().nullable(),
      name: z.string(),
      args: z.string(),
      ret: z.string().nullable(),
      errno: z.string().nullable(),
      socket: z.object({ local: address.optional(), remote: address.optional() }).nullable(),
    }),
  ),
});

const traceDocumentSchema = z.object({ scenarios: z.record(z.string(), traceSchema) });

type Trace = z.infer<typeof traceSchema>;

export class TraceFormatError extends Error {
  readonly code = 'trace/unreadable';
}

const NS_PER_MS = 1e6;
const text = (a: { addr: string; port: number }) => `${a.addr}:${a.port}`;

const IMPAIRMENTS: Record<string, Impairment> = {
  drop: 'dropped',
  delay: 'delayed',
  reorder: 'reordered',
  duplicate: 'duplicated',
  corrupt: 'corrupted',
};

/** Every scenario of a trace.json document, in the order the run executed them. */
export function picturesFromTrace(
  document: unknown,
  titles: Readonly<Record<string, string>> = {},
): ScenarioPicture[] {
  const parsed = traceDocumentSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TraceFormatError(
      `trace.json does not have the shape this portal draws (at ${issue.path.join('.') || 'the top'}: ${issue.message}).`,
    );
  }
  return Object.entries(parsed.data.scenarios).map(([id, trace]) => pictureOf(id, titles[id] ?? null, trace));
}

function pictureOf(id: string, title: string | null, trace: Trace): ScenarioPicture {
  const connections: ConnectionRecord[] = trace.connections.map((c) => ({
    id: c.id,
    endpoints: [text(c.endpoints[0].local), text(c.endpoints[1].local)],
  }));
  const states: StateRecord[] = trace.connections.flatMap((c) =>
    c.endpoints.flatMap((endpoint) =>
      endpoint.states.map(
        (s): StateRecord => ({
          order: s.t,
          timeMs: s.t / NS_PER_MS,
          connectionId: c.id,
          endpoint: text(endpoint.local),
          state: s.state,
          source: s.source,
          ...(s.cause ? { cause: s.cause } : {}),
        }),
      ),
    ),
  );
  const hosts: ScenarioPicture['hosts'] = {};
  for (const host of trace.hosts)
    for (const addr of host.addresses) hosts[addr] = { name: host.name, role: host.role };
  return {
    id,
    title,
    connections,
    segments: segmentsOf(trace),
    states: states.sort((a, b) => a.order - b.order),
    syscalls: trace.syscalls.map(
      (call): SyscallRecord => ({
        order: call.tStart,
        pid: call.pid,
        name: call.name,
        args: call.args,
        ret: call.ret,
        errno: call.errno,
        startMs: call.tStart / NS_PER_MS,
        endMs: call.tEnd === null ? null : call.tEnd / NS_PER_MS,
        ...(call.socket?.local ? { local: text(call.socket.local) } : {}),
        ...(call.socket?.remote ? { remote: text(call.socket.remote) } : {}),
      }),
    ),
    hosts,
  };
}

/**
 * One record per segment. A frame between two learner hosts is captured twice, entering
 * the switch and leaving it; the copy leaving ("out") after a matching one entering
 * ("in") is the same segment and is skipped.
 */
function segmentsOf(trace: Trace): SegmentRecord[] {
  const entered = new Map<string, number>();
  const segments: SegmentRecord[] = [];
  for (const p of [...trace.packets].sort((a, b) => a.t - b.t || a.index - b.index)) {
    const src = text(p.src);
    const dst = text(p.dst);
    const key = `${src}>${dst} ${p.flags} ${p.seq} ${p.ack} ${p.len}`;
    if (p.direction === 'in' && p.impairment?.action !== 'drop') entered.set(key, (entered.get(key) ?? 0) + 1);
    if (p.direction === 'out' && (entered.get(key) ?? 0) > 0) {
      entered.set(key, (entered.get(key) ?? 0) - 1);
      continue;
    }
    const flags = flagsFromTcpdump(p.flags);
    const impairment = p.impairment ? IMPAIRMENTS[p.impairment.action] : undefined;
    segments.push({
      index: p.index,
      order: p.t,
      timeMs: p.t / NS_PER_MS,
      connectionId: p.connectionId ?? [src, dst].sort().join('-'),
      src,
      dst,
      flags,
      seq: p.seq,
      ack: flags.includes('ACK') ? p.ack : null,
      len: p.len,
      window: p.window,
      ...(impairment ? { impairment } : {}),
    });
  }
  return segments;
}
