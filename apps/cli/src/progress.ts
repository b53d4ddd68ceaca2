/**
 * Live progress of a lab run on a terminal, from the LabEvent stream: phases, the
 * program's output, TCP state transitions and check results, each stamped with the time
 * since the run started. Packets and system calls are shown only with --verbose (a run
 * has thousands of them). Written to stderr so that stdout stays the report.
 */
import { scenarioOf, type LabEvent } from '@socklab/contracts';

export interface ProgressOptions {
  verbose?: boolean;
}

export function progressLine(event: LabEvent, options: ProgressOptions = {}): string | undefined {
  // Scenarios may run at once: a line of a running program or of the network names its scenario.
  const scenario = scenarioOf(event);
  const at = `${(event.t / 1000).toFixed(3).padStart(7)}s${scenario === undefined ? '' : ` ${scenario}`}`;
  switch (event.type) {
    case 'phase':
      return `${at} ── ${event.phase}`;
    case 'output': {
      const text = event.chunk.replace(/\n$/, '');
      if (text === '') return undefined;
      const prefix = `${at}   ${event.host} ${event.stream}| `;
      return text
        .split('\n')
        .map((line) => `${prefix}${line}`)
        .join('\n');
    }
    case 'state':
      return `${at}   ${event.endpoint}  ${event.from} → ${event.to}  (${event.source})`;
    case 'check':
      return `${at}   ${event.status === 'pass' ? 'pass' : event.status.toUpperCase()} ${event.scenario}/${event.id} ${event.points}/${event.maxPoints}`;
    case 'error':
      return `${at}   error ${event.code}: ${event.message}`;
    case 'result':
      return `${at} ── result ${round(event.score)}/${round(event.maxScore)}${event.gradable ? '' : ' (not gradable)'}`;
    case 'packet':
      return options.verbose
        ? `${at}   #${event.index} ${event.summary}${event.impairment ? ` [${event.impairment}]` : ''}`
        : undefined;
    case 'syscall':
      return options.verbose
        ? `${at}   ${event.host}[${event.pid}] ${event.name}(${event.args}) = ${event.result}${event.errno ? ` ${event.errno}` : ''}`
        : undefined;
  }
}

export const round = (n: number): number => Math.round(n * 100) / 100;
