/**
 * Names under /runs/{id}/artifacts/{name}. Stored artifacts keep the lab's names
 * (report.json, trace.json, build.log, capture-<scenario>.pcapng,
 * program-<scenario>-<host>-<n>.log, strace-<scenario>-<host>-<n>.txt); three names are
 * views with a `?scenario=` selector: the capture of one scenario, and two computed from
 * trace.json.
 */
export const CAPTURE_VIEW = 'capture.pcapng';
export const CONN_LOG_VIEW = 'conn.log';
export const SEQUENCE_VIEW = 'sequence.mmd';
export const TRACE_ARTIFACT = 'trace.json';
export const REPORT_ARTIFACT = 'report.json';

const CAPTURE_NAME = /^capture-(.+)\.pcapng$/;
const PER_SCENARIO_LOG = /^(?:program|strace)-(.+)$/;

export function captureName(scenario: string): string {
  return `capture-${scenario}.pcapng`;
}

/** The scenario a stored artifact belongs to, from its name; null for whole-run artifacts. */
export function scenarioOfArtifact(name: string, knownScenarios: readonly string[]): string | null {
  const capture = CAPTURE_NAME.exec(name);
  if (capture) return capture[1];
  const log = PER_SCENARIO_LOG.exec(name);
  if (!log) return null;
  // Scenario ids may hold '-': take the longest known id the rest of the name starts with.
  const candidates = knownScenarios.filter((s) => log[1].startsWith(`${s}-`));
  return candidates.sort((a, b) => b.length - a.length)[0] ?? null;
}

export function scenariosOfCaptures(names: readonly string[]): string[] {
  return names
    .map((name) => CAPTURE_NAME.exec(name)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

export function contentTypeOf(name: string): string {
  if (name.endsWith('.pcapng')) return 'application/x-pcapng';
  if (name.endsWith('.json')) return 'application/json; charset=utf-8';
  if (name === CONN_LOG_VIEW) return 'text/tab-separated-values; charset=utf-8';
  if (name.endsWith('.mmd')) return 'text/vnd.mermaid; charset=utf-8';
  if (name.endsWith('.log') || name.endsWith('.txt')) return 'text/plain; charset=utf-8';
  return 'application/octet-stream';
}
