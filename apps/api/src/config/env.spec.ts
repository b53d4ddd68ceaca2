import { ConfigError, loadApiConfig } from './env';

describe('loadApiConfig', () => {
  it('uses local defaults when nothing is set', () => {
    const config = loadApiConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', redisUrl: 'redis://127.0.0.1:6379' });
    expect(config.migrateOnBoot).toBe(true);
    expect(config.limits).toEqual({
      maxInflightRuns: 3,
      maxSubmissionsPerMinute: 10,
      maxRegradeRuns: 200,
      maxInflightSelfTests: 3,
    });
  });

  it('refuses a bad value and names the variable', () => {
    expect(() => loadApiConfig({ SOCKLAB_API_PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadApiConfig({ SOCKLAB_API_PORT: '70000' })).toThrow(/SOCKLAB_API_PORT/);
    expect(() => loadApiConfig({ SOCKLAB_MIGRATE_ON_BOOT: 'yes' })).toThrow(/SOCKLAB_MIGRATE_ON_BOOT/);
  });

  it('generates a per-process session secret only when none is configured', () => {
    const generated = loadApiConfig({});
    expect(generated.session.secretGenerated).toBe(true);
    expect(generated.session.secret).not.toBe(loadApiConfig({}).session.secret);
    const secret = 's'.repeat(40);
    expect(loadApiConfig({ SOCKLAB_SESSION_SECRET: secret }).session).toMatchObject({
      secret,
      secretGenerated: false,
    });
    expect(() => loadApiConfig({ SOCKLAB_SESSION_SECRET: 'short' })).toThrow(/SOCKLAB_SESSION_SECRET/);
  });
});
