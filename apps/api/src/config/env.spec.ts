import { ConfigError, loadApiConfig } from './env';

describe('loadApiConfig', () => {
  it('uses local defaults when nothing is set', () => {
    const config = loadApiConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', redisUrl: 'redis://127.0.0.1:6379' });
  });

  it('refuses a bad value and names the variable', () => {
    expect(() => loadApiConfig({ SOCKLAB_API_PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadApiConfig({ SOCKLAB_API_PORT: '70000' })).toThrow(/SOCKLAB_API_PORT/);
  });
});
