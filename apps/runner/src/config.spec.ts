import { ConfigError, loadRunnerConfig } from './config';

describe('loadRunnerConfig', () => {
  it('defaults to one job at a time, metrics on 9465 and a hostname:pid runner id', () => {
    const config = loadRunnerConfig({});
    expect(config).toMatchObject({
      concurrency: 1,
      metricsPort: 9465,
      queuePrefix: 'bull',
      eventsPrefix: 'socklab:',
    });
    expect(config.runnerId).toMatch(new RegExp(`:${process.pid}$`));
    expect(config.stalled).toEqual({ lockDurationMs: 30_000, stalledIntervalMs: 30_000, maxStalledCount: 2 });
  });

  it('reads overrides and refuses bad values naming the variable', () => {
    expect(
      loadRunnerConfig({ SOCKLAB_RUNNER_CONCURRENCY: '4', SOCKLAB_RUNNER_METRICS_PORT: '0' }),
    ).toMatchObject({
      concurrency: 4,
      metricsPort: 0,
    });
    expect(() => loadRunnerConfig({ SOCKLAB_RUNNER_CONCURRENCY: '0' })).toThrow(ConfigError);
    expect(() => loadRunnerConfig({ SOCKLAB_RUNNER_METRICS_PORT: 'x' })).toThrow(
      /SOCKLAB_RUNNER_METRICS_PORT/,
    );
  });

  it('stores artifacts on the filesystem by default and refuses an S3 store missing a variable', () => {
    expect(loadRunnerConfig({ SOCKLAB_ARTIFACT_DIR: '/srv/a' }).artifactStore).toEqual({ kind: 'fs', rootDir: '/srv/a' });
    expect(() => loadRunnerConfig({ ARTIFACT_STORE: 's3', S3_ENDPOINT: 'http://127.0.0.1:9000' })).toThrow(
      new ConfigError(
        'Invalid runner configuration: ARTIFACT_STORE=s3 needs S3_BUCKET, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY; set them.',
      ),
    );
  });
});
