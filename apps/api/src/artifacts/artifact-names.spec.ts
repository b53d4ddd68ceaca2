import { contentTypeOf, scenarioOfArtifact, scenariosOfCaptures } from './artifact-names';

describe('artifact names', () => {
  const scenarios = scenariosOfCaptures([
    'report.json',
    'capture-normal.pcapng',
    'capture-peer-resets.pcapng',
    'capture-peer.pcapng',
    'build.log',
  ]);

  it('finds the scenarios from the captures', () => {
    expect(scenarios).toEqual(['normal', 'peer', 'peer-resets']);
  });

  it('attributes per-scenario logs to the longest matching scenario id, whole-run files to none', () => {
    expect(scenarioOfArtifact('capture-peer-resets.pcapng', scenarios)).toBe('peer-resets');
    expect(scenarioOfArtifact('program-peer-resets-client-1.log', scenarios)).toBe('peer-resets');
    expect(scenarioOfArtifact('strace-peer-client-2.txt', scenarios)).toBe('peer');
    expect(scenarioOfArtifact('program-unknown-client-1.log', scenarios)).toBeNull();
    expect(scenarioOfArtifact('trace.json', scenarios)).toBeNull();
  });

  it('names content types clients can act on', () => {
    expect(contentTypeOf('capture-normal.pcapng')).toBe('application/x-pcapng');
    expect(contentTypeOf('conn.log')).toMatch(/^text\/tab-separated-values/);
    expect(contentTypeOf('build.log')).toMatch(/^text\/plain/);
    expect(contentTypeOf('sequence.mmd')).toMatch(/^text\/vnd\.mermaid/);
    expect(contentTypeOf('weird.bin')).toBe('application/octet-stream');
  });
});
