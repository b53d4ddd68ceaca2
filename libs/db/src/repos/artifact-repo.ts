import type { Db } from '../client';
import type { Artifact, ArtifactKind } from '../generated/prisma/client';
import { conflictAs } from '../prisma-errors';
import type { TenantScope } from '../tenant-scope';

export interface NewArtifact {
  kind: ArtifactKind;
  name: string;
  scenario?: string | null;
  sizeBytes: number;
  /** Hex sha256 of the stored bytes. */
  sha256: string;
  storageKey: string;
}

export class ArtifactRepo {
  constructor(private readonly db: Db) {}

  create(scope: TenantScope, runId: string, artifact: NewArtifact): Promise<Artifact> {
    return conflictAs(`Run ${runId} already has an artifact named "${artifact.name}".`, () =>
      this.db.artifact.create({ data: { ...artifact, scenario: artifact.scenario ?? null, tenantId: scope.tenantId, runId } }),
    );
  }

  /**
   * Removes every artifact row of a run and returns what was removed (so the caller can
   * delete the stored objects). A runner calls it before storing a new attempt's
   * artifacts: names are unique per run, and an earlier attempt may have stored some.
   */
  async deleteForRun(scope: TenantScope, runId: string): Promise<Artifact[]> {
    const rows = await this.listForRun(scope, runId);
    if (rows.length > 0)
      await this.db.artifact.deleteMany({ where: { tenantId: scope.tenantId, id: { in: rows.map((row) => row.id) } } });
    return rows;
  }

  listForRun(scope: TenantScope, runId: string): Promise<Artifact[]> {
    return this.db.artifact.findMany({ where: { tenantId: scope.tenantId, runId }, orderBy: { createdAt: 'asc' } });
  }

  find(scope: TenantScope, id: string): Promise<Artifact | null> {
    return this.db.artifact.findFirst({ where: { tenantId: scope.tenantId, id } });
  }
}
