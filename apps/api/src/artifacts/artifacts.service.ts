import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { ArtifactRepo, PrismaClient, type Artifact, type ArtifactStore } from '@socklab/db';
import { traceSchema, type Trace } from '@socklab/trace';
import { isStaff, type Principal } from '../auth/principal';
import { PRISMA } from '../database/database.module';
import { AppError } from '../errors/app-error';
import { findVisibleRun } from '../runs/run-access';
import type { RunRow } from '../runs/run-views';
import { viewReport } from '../runs/report-view';
import {
  CAPTURE_VIEW,
  captureName,
  CONN_LOG_VIEW,
  contentTypeOf,
  REPORT_ARTIFACT,
  scenarioOfArtifact,
  scenariosOfCaptures,
  SEQUENCE_VIEW,
  TRACE_ARTIFACT,
} from './artifact-names';
import { ARTIFACT_STORE } from './artifact-store.provider';
import { connectionFlows } from './views/connection-flows';
import { mermaidSequence } from './views/mermaid-sequence';
import { zeekConnLog } from './views/zeek-conn-log';

export interface ArtifactSummary {
  name: string;
  kind: Artifact['kind'];
  /** The scenario it belongs to; null for whole-run artifacts (report, trace, build log). */
  scenario: string | null;
  sizeBytes: number;
  sha256: string;
  contentType: string;
  createdAt: Date;
}

export interface ArtifactViewSummary {
  name: string;
  contentType: string;
  description: string;
}

export interface RunArtifactList {
  runId: string;
  /** Scenario ids, for `?scenario=`. */
  scenarios: string[];
  artifacts: ArtifactSummary[];
  views: ArtifactViewSummary[];
}

export interface ArtifactSelector {
  scenario?: string;
  connection?: string;
}

/** What to send: a stored file (streamed, with ranges) or a document made for this request. */
export type ArtifactDownload =
  | { kind: 'stored'; artifact: Artifact; contentType: string }
  | { kind: 'document'; name: string; body: string; contentType: string };

/**
 * Artifacts of the runs a caller may see (run-access.ts: learners their own, staff the
 * tenant's): another's run, or a name it does not have, is a 404 that reveals nothing.
 * Learners get report.json as GET /runs/{id} shows it (hidden checks concealed).
 */
@Injectable()
export class ArtifactsService {
  private readonly artifacts: ArtifactRepo;

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(ARTIFACT_STORE) private readonly store: ArtifactStore,
  ) {
    this.artifacts = new ArtifactRepo(prisma);
  }

  async list(principal: Principal, runId: string): Promise<RunArtifactList> {
    await findVisibleRun(this.prisma, principal, runId);
    const stored = await this.artifacts.listForRun({ tenantId: principal.tenantId }, runId);
    const scenarios = scenariosOfCaptures(stored.map((a) => a.name));
    const has = (name: string) => stored.some((a) => a.name === name);
    const views: ArtifactViewSummary[] = [];
    if (scenarios.length > 0)
      views.push(
        view(CAPTURE_VIEW, 'The packet capture of one scenario (?scenario=); HTTP ranges supported.'),
      );
    if (has(TRACE_ARTIFACT)) {
      views.push(view(CONN_LOG_VIEW, 'Zeek-style connection records of one scenario (?scenario=).'));
      views.push(
        view(
          SEQUENCE_VIEW,
          'Mermaid sequence diagram of one connection (?scenario=, ?connection= a conn.log uid).',
        ),
      );
    }
    return {
      runId,
      scenarios,
      artifacts: stored.map((a) => ({
        name: a.name,
        kind: a.kind,
        scenario: a.scenario ?? scenarioOfArtifact(a.name, scenarios),
        sizeBytes: a.sizeBytes,
        sha256: a.sha256,
        contentType: contentTypeOf(a.name),
        createdAt: a.createdAt,
      })),
      views,
    };
  }

  async open(
    principal: Principal,
    runId: string,
    name: string,
    selector: ArtifactSelector,
  ): Promise<ArtifactDownload> {
    const run = await findVisibleRun(this.prisma, principal, runId);
    const stored = await this.artifacts.listForRun({ tenantId: principal.tenantId }, runId);
    const byName = (n: string) => stored.find((a) => a.name === n);

    if (name === CAPTURE_VIEW) {
      const scenario = pickOne('scenario', selector.scenario, scenariosOfCaptures(stored.map((a) => a.name)));
      return this.storedDownload(byName(captureName(scenario)), captureName(scenario));
    }
    if (name === CONN_LOG_VIEW || name === SEQUENCE_VIEW) {
      const traceArtifact = byName(TRACE_ARTIFACT);
      if (!traceArtifact) throw notFound(TRACE_ARTIFACT);
      const { scenario, trace } = await this.scenarioTrace(traceArtifact, selector.scenario);
      if (name === CONN_LOG_VIEW)
        return document(
          `conn-${scenario}.log`,
          zeekConnLog(trace, run.runningAt ?? run.createdAt, traceArtifact.createdAt),
          name,
        );
      const flows = connectionFlows(trace);
      const id = pickOne(
        'connection',
        selector.connection,
        flows.map((f) => f.connection.id),
      );
      const flow = flows.find((f) => f.connection.id === id);
      if (!flow) throw notFound(name);
      return document(`sequence-${scenario}.mmd`, mermaidSequence(trace, flow), name);
    }
    const artifact = byName(name);
    if (!artifact) throw notFound(name);
    if (name === REPORT_ARTIFACT && !isStaff(principal)) return this.learnerReport(artifact, run);
    return this.storedDownload(artifact, name);
  }

  /** Streams a stored artifact, or its inclusive byte range. */
  read(artifact: Artifact, range?: { start: number; end: number }): Promise<Readable> {
    return this.store.get(artifact.storageKey, range);
  }

  private storedDownload(artifact: Artifact | undefined, name: string): ArtifactDownload {
    if (!artifact) throw notFound(name);
    return { kind: 'stored', artifact, contentType: contentTypeOf(name) };
  }

  private async learnerReport(artifact: Artifact, run: RunRow): Promise<ArtifactDownload> {
    const report: unknown = JSON.parse(await this.readText(artifact));
    const viewed = viewReport(report, {
      role: 'learner',
      now: new Date(),
      dueAt: run.submission.assignment?.dueAt ?? null,
    });
    return document(REPORT_ARTIFACT, `${JSON.stringify(viewed, null, 2)}\n`, REPORT_ARTIFACT);
  }

  /** One scenario's Trace from trace.json (`{ scenarios: { <id>: Trace } }`). */
  private async scenarioTrace(
    artifact: Artifact,
    wanted?: string,
  ): Promise<{ scenario: string; trace: Trace }> {
    const document = JSON.parse(await this.readText(artifact)) as { scenarios?: Record<string, unknown> };
    const traces = document.scenarios ?? {};
    const scenario = pickOne('scenario', wanted, Object.keys(traces).sort());
    const parsed = traceSchema.safeParse(traces[scenario]);
    if (!parsed.success) {
      throw new AppError(
        'artifact/trace-unreadable',
        `trace.json of this run does not follow the trace format for scenario "${scenario}"; download it as is.`,
        409,
      );
    }
    return { scenario, trace: parsed.data };
  }

  private async readText(artifact: Artifact): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.read(artifact)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
}

function view(name: string, description: string): ArtifactViewSummary {
  return { name, contentType: contentTypeOf(name), description };
}

function document(name: string, body: string, typeOf: string): ArtifactDownload {
  return { kind: 'document', name, body, contentType: contentTypeOf(typeOf) };
}

function notFound(name: string): AppError {
  return AppError.notFound(
    'artifact/not-found',
    `This run has no artifact "${name}" (yet); GET /api/v1/runs/{id}/artifacts lists what it has.`,
  );
}

/**
 * The one value of a selector (`?scenario=`, `?connection=`): the one asked for, or the
 * only one there is. 422 when several exist and none was named, 404 for an unknown one;
 * both list the choices.
 */
function pickOne(selector: 'scenario' | 'connection', wanted: string | undefined, choices: string[]): string {
  if (wanted !== undefined) {
    if (choices.includes(wanted)) return wanted;
    throw new AppError(
      `artifact/${selector}-not-found`,
      `This run has no ${selector} "${wanted}"; it has: ${choices.join(', ') || '(none)'}.`,
      404,
      { [`${selector}s`]: choices },
    );
  }
  if (choices.length === 1) return choices[0];
  if (choices.length === 0)
    throw new AppError('artifact/not-found', `This run has no ${selector} to show yet.`, 404);
  throw AppError.invalid(
    `artifact/${selector}-required`,
    `This run has several: name one with ?${selector}= (${choices.join(', ')}).`,
    { [`${selector}s`]: choices },
  );
}
