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

  listForRun(scope: TenantScope, runId: string): Promise<Artifact[]> {
    return this.db.artifact.findMany({ where: { tenantId: scope.tenantId, runId }, orderBy: { createdAt: 'asc' } });
  }

  find(scope: TenantScope, id: string): Promise<Artifact | null> {
    return this.db.artifact.findFirst({ where: { tenantId: scope.tenantId, id } });
  }
}
