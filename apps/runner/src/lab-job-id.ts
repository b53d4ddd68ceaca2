/**
 * The lab engine's job id for one attempt of a run: it names every host resource of the
 * attempt (network namespaces, sandbox jobs, cgroups), so it must be unique among the
 * labs running on a host — two attempts of one run may overlap when a runner that was
 * presumed dead still runs — and fit the engine's 40 characters of [a-z0-9-]
 * (a BullMQ job id, "run-<uuid>-<attempt>", does not).
 */
export function labJobIdOf(runId: string, attempt: number): string {
  return `r${attempt}-${runId.toLowerCase().replace(/-/g, '')}`;
}
