import type { Trace } from '@socklab/trace';
import { connectionFlows, type ConnectionFlow, type FlowSegment } from './connection-flows';

/**
 * A scenario's TCP connections as a Zeek conn.log (TSV with Zeek's #-header), so Zeek
 * tooling (zeek-cut, RITA, pandas readers of Zeek logs) reads them. Where socklab knows
 * more or less than Zeek would:
 * - `ts` is seconds since the trace's clock origin (the run's start), not the Unix epoch;
 * - `uid` is trace.json's connection id ("a:p-b:p", "#n" for a reused 4-tuple): the key
 *   for `sequence.mmd?connection=`;
 * - bytes come from sequence numbers (retransmissions count once), packet counts count
 *   every segment each side sent, dropped ones included; IP byte counts are unset ('-'),
 *   the trace keeps TCP payload lengths only.
 */
const FIELDS: [name: string, type: string][] = [
  ['ts', 'time'],
  ['uid', 'string'],
  ['id.orig_h', 'addr'],
  ['id.orig_p', 'port'],
  ['id.resp_h', 'addr'],
  ['id.resp_p', 'port'],
  ['proto', 'enum'],
  ['service', 'string'],
  ['duration', 'interval'],
  ['orig_bytes', 'count'],
  ['resp_bytes', 'count'],
  ['conn_state', 'string'],
  ['local_orig', 'bool'],
  ['local_resp', 'bool'],
  ['missed_bytes', 'count'],
  ['history', 'string'],
  ['orig_pkts', 'count'],
  ['orig_ip_bytes', 'count'],
  ['resp_pkts', 'count'],
  ['resp_ip_bytes', 'count'],
  ['tunnel_parents', 'set[string]'],
];

const UNSET = '-';

export function zeekConnLog(trace: Trace, openedAt: Date, closedAt: Date = openedAt): string {
  const lines = [
    '#separator \\x09',
    '#set_separator\t,',
    '#empty_field\t(empty)',
    `#unset_field\t${UNSET}`,
    '#path\tconn',
    `#open\t${zeekTime(openedAt)}`,
    `#fields\t${FIELDS.map(([name]) => name).join('\t')}`,
    `#types\t${FIELDS.map(([, type]) => type).join('\t')}`,
    ...connectionFlows(trace)
      .filter((flow) => flow.segments.length > 0)
      .sort((a, b) => a.segments[0].t - b.segments[0].t)
      .map(connRecord),
    `#close\t${zeekTime(closedAt)}`,
  ];
  return `${lines.join('\n')}\n`;
}

function connRecord(flow: ConnectionFlow): string {
  const { segments } = flow;
  const first = segments[0].t;
  const last = segments[segments.length - 1].t;
  const fromOrig = segments.filter((s) => s.fromOrig);
  const fromResp = segments.filter((s) => !s.fromOrig);
  const values = [
    seconds(first),
    flow.connection.id,
    flow.orig.addr,
    String(flow.orig.port),
    flow.resp.addr,
    String(flow.resp.port),
    'tcp',
    UNSET,
    seconds(last - first),
    String(payloadBytes(fromOrig)),
    String(payloadBytes(fromResp)),
    connState(fromOrig, fromResp),
    UNSET,
    UNSET,
    '0',
    history(segments),
    String(fromOrig.length),
    UNSET,
    String(fromResp.length),
    UNSET,
    '(empty)',
  ];
  return values.join('\t');
}

/** Bytes of payload one side sent: the sequence space its data covered (SYN is seq 0). */
function payloadBytes(sent: FlowSegment[]): number {
  const ends = sent.filter((s) => s.len > 0).map((s) => s.seq + s.len);
  return ends.length === 0 ? 0 : Math.max(0, Math.max(...ends) - 1);
}

/** Zeek's conn_state from the flags each side sent (Zeek docs, base/protocols/conn/main.zeek). */
export function connState(fromOrig: FlowSegment[], fromResp: FlowSegment[]): string {
  const sent = (side: FlowSegment[], test: (s: FlowSegment) => boolean) => side.some(test);
  const origSyn = sent(fromOrig, (s) => s.flags.syn && !s.flags.ack);
  const respSynAck = sent(fromResp, (s) => s.flags.syn && s.flags.ack);
  const origFin = sent(fromOrig, (s) => s.flags.fin);
  const respFin = sent(fromResp, (s) => s.flags.fin);
  const origRst = sent(fromOrig, (s) => s.flags.rst);
  const respRst = sent(fromResp, (s) => s.flags.rst);
  if (!origSyn) {
    if (respSynAck && respRst) return 'RSTRH';
    if (respSynAck && respFin) return 'SHR';
    return 'OTH';
  }
  if (!respSynAck) {
    if (respRst) return 'REJ';
    if (origRst) return 'RSTOS0';
    if (origFin) return 'SH';
    return 'S0';
  }
  if (origRst) return 'RSTO';
  if (respRst) return 'RSTR';
  if (origFin && respFin) return 'SF';
  if (origFin) return 'S2';
  if (respFin) return 'S3';
  return 'S1';
}

/**
 * Zeek's history: a letter per kind of segment, upper-case from the originator,
 * lower-case from the responder, each at its first occurrence per side: S syn, H syn-ack,
 * A pure ack, D data, F fin, R rst, T retransmitted data, W zero window.
 */
export function history(segments: FlowSegment[]): string {
  let out = '';
  const seen = new Set<string>();
  const highest = { orig: 0, resp: 0 };
  const mark = (letter: string, fromOrig: boolean) => {
    const cased = fromOrig ? letter : letter.toLowerCase();
    if (seen.has(cased)) return;
    seen.add(cased);
    out += cased;
  };
  for (const s of segments) {
    const side = s.fromOrig ? 'orig' : 'resp';
    const { syn, ack, fin, rst } = s.flags;
    if (syn && !ack) mark('S', s.fromOrig);
    if (syn && ack) mark('H', s.fromOrig);
    if (s.len > 0) {
      if (s.seq + s.len <= highest[side]) mark('T', s.fromOrig);
      else mark('D', s.fromOrig);
      highest[side] = Math.max(highest[side], s.seq + s.len);
    } else if (ack && !syn && !fin && !rst) mark('A', s.fromOrig);
    if (fin) mark('F', s.fromOrig);
    if (rst) mark('R', s.fromOrig);
    if (s.window === 0 && !syn && !rst) mark('W', s.fromOrig);
  }
  return out || UNSET;
}

const seconds = (ns: number): string => (ns / 1e9).toFixed(6);

function zeekTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}-${pad(
    date.getUTCHours(),
  )}-${pad(date.getUTCMinutes())}-${pad(date.getUTCSeconds())}`;
}
