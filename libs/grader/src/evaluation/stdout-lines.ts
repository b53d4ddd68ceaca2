/**
 * When each stdout line of a host's programs was printed, read from the traced write(2)
 * calls on fd 1 (ProcessOutcome.stdout has the text but no times). A line counts as
 * printed when the write that completes it (its "\n", or the last write) returns.
 */
import type { TraceSyscall } from '@socklab/trace';
import type { ScenarioContext } from './scenario-context';

export interface PrintedLine {
  pid: number;
  text: string;
  t: number;
}

const STDOUT_WRITES = new Set(['write', 'writev', 'pwrite64']);
const QUOTED = /"((?:[^"\\]|\\.)*)"/g;

export function printedLines(context: ScenarioContext, host: string): PrintedLine[] {
  const pids = context.pidsOf(host);
  const pending = new Map<number, { text: string; t: number }>();
  const lines: PrintedLine[] = [];
  const calls = context.trace.syscalls
    .filter(
      (call) => pids.has(call.pid) && call.fd === 1 && STDOUT_WRITES.has(call.name) && call.errno === null,
    )
    .sort((a, b) => a.tStart - b.tStart);
  for (const call of calls) {
    const t = call.tEnd ?? call.tStart;
    let text = (pending.get(call.pid)?.text ?? '') + writtenText(call);
    let newline = text.indexOf('\n');
    while (newline >= 0) {
      lines.push({ pid: call.pid, text: text.slice(0, newline), t });
      text = text.slice(newline + 1);
      newline = text.indexOf('\n');
    }
    pending.set(call.pid, { text, t });
  }
  for (const [pid, rest] of pending) if (rest.text !== '') lines.push({ pid, text: rest.text, t: rest.t });
  return lines.sort((a, b) => a.t - b.t);
}

/** The bytes strace printed as the call's buffer(s), unescaped (C escapes, \xNN, octal). */
function writtenText(call: TraceSyscall): string {
  return [...call.args.matchAll(QUOTED)].map((match) => unescapeC(match[1])).join('');
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  v: '\v',
  f: '\f',
  a: '\x07',
  b: '\b',
  '"': '"',
  '\\': '\\',
};

export function unescapeC(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_, escape: string) => {
    if (escape.startsWith('x')) return String.fromCharCode(parseInt(escape.slice(1), 16));
    if (/^[0-7]/.test(escape)) return String.fromCharCode(parseInt(escape, 8));
    return SIMPLE_ESCAPES[escape] ?? escape;
  });
}
