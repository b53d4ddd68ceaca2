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
});
