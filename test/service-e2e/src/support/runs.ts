import type { ApiClient } from './http-client';

/** What the tests read of GET /api/v1/runs/{id}. */
export interface RunView {
  id: string;
  status: string;
  attempt: number;
  score: number | null;
  maxScore: number | null;
  gradable: boolean | null;
  error: { code: string; message: string | null } | null;
  submission: { userId: string };
}

export async function submit(
  api: ApiClient,
  exerciseId: string,
  submission: unknown,
): Promise<{ runId: string; submissionId: string }> {
  const response = await api.post<{ runId: string; submissionId: string }>(
    `/api/v1/exercises/${exerciseId}/submissions`,
    submission,
  );
  if (response.status !== 202) throw new Error(`submit: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Polls the run until `until` holds (default: finished); fails with the last status seen. */
export async function waitForRun(
  api: ApiClient,
  runId: string,
  timeoutMs: number,
  until: (run: RunView) => boolean = (run) => ['done', 'failed', 'cancelled'].includes(run.status),
): Promise<RunView> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const response = await api.get<RunView>(`/api/v1/runs/${runId}`).catch((error: unknown) => ({
      status: 0,
      body: String(error) as unknown as RunView,
    }));
    last = response.body;
    if (response.status === 200 && until(response.body)) return response.body;
    if (Date.now() > deadline)
      throw new Error(`run ${runId} not there within ${timeoutMs} ms: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
