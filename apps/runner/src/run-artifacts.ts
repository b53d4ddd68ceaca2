import type { ArtifactKind, ArtifactRepo, ArtifactStore, TenantScope } from '@socklab/db';

import type { LabRunReport } from './lab-executor';

/** Where an attempt's artifact lives in the store: attempts never overwrite each other. */
export function artifactStorageKey(scope: TenantScope, runId: string, attempt: number, name: string): string {
  return `tenants/${scope.tenantId}/runs/${runId}/${attempt}/${name}`;
}

export function artifactKindOf(name: string): ArtifactKind {
  if (name.endsWith('.pcapng')) return 'capture';
  if (name === 'report.json') return 'report';
  if (name.startsWith('trace') && name.endsWith('.json')) return 'trace';
  return 'log';
}

/**
 * Stores an attempt's artifact files and records them on the run, replacing what an
 * earlier attempt of the run recorded (artifact names are unique per run: an attempt
 * whose runner died after storing must not make the next attempt clash). The earlier
 * attempt's objects are then removed from the store; failing to remove them leaves
 * unreferenced objects, never a wrong listing.
 */
export async function storeRunArtifacts(
  deps: { artifacts: ArtifactRepo; store: ArtifactStore },
  scope: TenantScope,
  runId: string,
  attempt: number,
  files: LabRunReport['artifacts'],
): Promise<void> {
  const stored = [];
  for (const file of files) {
    const storageKey = artifactStorageKey(scope, runId, attempt, file.name);
    const { size, sha256 } = await deps.store.put(storageKey, { path: file.path });
    stored.push({ kind: artifactKindOf(file.name), name: file.name, sizeBytes: size, sha256, storageKey });
  }
  const replaced = await deps.artifacts.deleteForRun(scope, runId);
  for (const artifact of stored) await deps.artifacts.create(scope, runId, artifact);
  const keep = new Set(stored.map((artifact) => artifact.storageKey));
  await Promise.allSettled(
    replaced.filter((old) => !keep.has(old.storageKey)).map((old) => deps.store.delete(old.storageKey)),
  );
}
