import { labJobIdOf } from './lab-job-id';

describe('labJobIdOf', () => {
  const run = '3F1E5F5E-8A4B-4C57-9A53-5A3F4F0D9C11';

  it('fits the lab engine (1-40 of [a-z0-9-], alphanumeric at both ends) up to attempt 99999', () => {
    for (const attempt of [1, 12, 99_999])
      expect(labJobIdOf(run, attempt)).toMatch(/^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$/);
  });

  it('differs between attempts and between runs', () => {
    expect(labJobIdOf(run, 1)).not.toBe(labJobIdOf(run, 2));
    expect(labJobIdOf(run, 1)).not.toBe(labJobIdOf(run.replace('11', '12'), 1));
  });
});
