import { DEFAULT_TOOLCHAINS } from '../../toolchain';
import { LANGUAGES } from '../../vocabulary';
import { playgroundPresets } from '../presets';
import { playgroundStarter } from '.';

describe('playgroundStarter', () => {
  it.each(LANGUAGES)(
    '%s: a client and a server, named as the default toolchain builds them, and different',
    (language) => {
      const client = playgroundStarter('client', language);
      const server = playgroundStarter('server', language);
      expect(client.name).toBe(DEFAULT_TOOLCHAINS[language].files[0]);
      expect(server.name).toBe(client.name);
      expect(client.content).toContain('hello, socklab');
      expect(server.content).not.toBe(client.content);
    },
  );

  it('fits how the presets start the program: clients get {host} {port}, servers {port}', () => {
    // The starters read exactly these arguments; a preset starting its program otherwise needs other starters.
    for (const preset of playgroundPresets) {
      expect(preset.learner.args).toEqual(
        preset.learner.role === 'client' ? ['{host}', '{port}'] : ['{port}'],
      );
    }
  });
});
