import { LAB_RUNS_QUEUE, labRunJobId, LabRunJobSchema } from './queues';

const RUN = '3f1e5f5e-8a4b-4c57-9a53-5a3f4f0d9c11';
const TENANT = '9b2d0a4e-1c3f-4e6a-8b7d-2f4e6a8b0c1d';

describe('lab-runs queue contract', () => {
  it('names the queue', () => {
    expect(LAB_RUNS_QUEUE).toBe('lab-runs');
  });

  it('accepts a job and rejects bad fields at their path', () => {
    expect(LabRunJobSchema.parse({ runId: RUN, tenantId: TENANT, attempt: 1 })).toEqual({ runId: RUN, tenantId: TENANT, attempt: 1 });
    const bad = LabRunJobSchema.safeParse({ runId: 'run-1', tenantId: TENANT, attempt: 0 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['attempt', 'runId']);
  });

  it('derives one job id per enqueue generation, without ":" (reserved by BullMQ)', () => {
    expect(labRunJobId({ runId: RUN, attempt: 2 })).toBe(`run-${RUN}-2`);
    expect(labRunJobId({ runId: RUN, attempt: 2 })).not.toBe(labRunJobId({ runId: RUN, attempt: 3 }));
    expect(labRunJobId({ runId: RUN, attempt: 1 })).not.toContain(':');
  });
});
