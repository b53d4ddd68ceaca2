/**
 * The lab's report as stored with a run (libs/lab LabReport, hidden checks concealed for
 * learners by the API), read defensively: the API passes stored JSON through as is.
 */
export type EvidenceRef =
  | { kind: 'packet'; index: number; t: number }
  | { kind: 'state'; connectionId: string; endpoint: string; state: string; t: number }
  | { kind: 'syscall'; pid: number; name: string; t: number }
  | { kind: 'process'; host: string; pid: number }
  | { kind: 'step'; path: string };

export interface ReportCheck {
  id: string;
  title: string;
  status: 'pass' | 'fail' | 'error' | 'skip';
  points: number;
  maxPoints: number;
  visibility: string;
  /** Absent for concealed checks. */
  message?: string;
  explanation?: string;
  evidence: EvidenceRef[];
}

export interface ReportScenario {
  id: string;
  title: string;
  checks: ReportCheck[];
}

export interface RunReport {
  score: number;
  maxScore: number;
  gradable: boolean;
  infraError?: { code: string; message: string };
  build?: { ok: boolean; output: string; durationMs: number };
  scenarios: ReportScenario[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown, fallback = 0) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function readRunReport(value: unknown): RunReport | null {
  if (!isObject(value) || !Array.isArray(value['scenarios'])) return null;
  const build = isObject(value['build'])
    ? { ok: value['build']['ok'] === true, output: str(value['build']['output']) ?? '', durationMs: num(value['build']['durationMs']) }
    : undefined;
  const infra = isObject(value['infraError'])
    ? { code: str(value['infraError']['code']) ?? 'lab/unknown', message: str(value['infraError']['message']) ?? '' }
    : undefined;
  return {
    score: num(value['score']),
    maxScore: num(value['maxScore']),
    gradable: value['gradable'] !== false,
    ...(infra ? { infraError: infra } : {}),
    ...(build ? { build } : {}),
    scenarios: value['scenarios'].filter(isObject).map((s) => ({
      id: str(s['id']) ?? '',
      title: str(s['title']) ?? str(s['id']) ?? '',
      checks: (Array.isArray(s['checks']) ? s['checks'] : []).filter(isObject).map(readCheck),
    })),
  };
}

function readCheck(c: Record<string, unknown>): ReportCheck {
  const status = str(c['status']);
  return {
    id: str(c['id']) ?? '',
    title: str(c['title']) ?? str(c['id']) ?? 'Check',
    status: status === 'pass' || status === 'fail' || status === 'error' || status === 'skip' ? status : 'error',
    points: num(c['points']),
    maxPoints: num(c['maxPoints']),
    visibility: str(c['visibility']) ?? 'visible',
    ...(str(c['message']) !== undefined ? { message: str(c['message']) } : {}),
    ...(str(c['explanation']) !== undefined ? { explanation: str(c['explanation']) } : {}),
    evidence: (Array.isArray(c['evidence']) ? c['evidence'] : []).filter(isEvidence),
  };
}

function isEvidence(value: unknown): value is EvidenceRef {
  if (!isObject(value)) return false;
  switch (value['kind']) {
    case 'packet':
      return typeof value['index'] === 'number';
    case 'state':
      return typeof value['connectionId'] === 'string' && typeof value['endpoint'] === 'string';
    case 'syscall':
    case 'process':
    case 'step':
      return true;
    default:
      return false;
  }
}

/** Evidence the ladder diagram can show: segments and states. */
export function drawableEvidence(check: { evidence: readonly EvidenceRef[] }): EvidenceRef[] {
  return check.evidence.filter((e) => e.kind === 'packet' || e.kind === 'state');
}
