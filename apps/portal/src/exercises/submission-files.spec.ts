import { expectedFiles, initialFiles, offeredLanguages } from './submission-files';

const exercise = {
  languages: ['c', 'python'],
  spec: { languages: { c: { files: ['main.c'] }, python: { files: ['server.py', 'util.py'] } } },
  starters: [{ language: 'c', files: [{ name: 'main.c', content: '/* start */' }, { name: 'README', content: 'notes' }] }],
};

describe('submission files', () => {
  it('expects the toolchain’s files, else the language default', () => {
    expect(expectedFiles(exercise, 'python')).toEqual(['server.py', 'util.py']);
    expect(expectedFiles({ spec: {} }, 'java')).toEqual(['Main.java']);
  });

  it('starts from the draft, else the starter files, else empty expected files', () => {
    expect(initialFiles(exercise, 'c', [{ name: 'main.c', content: 'mine' }])).toEqual([{ name: 'main.c', content: 'mine' }]);
    expect(initialFiles(exercise, 'c', null)).toEqual([
      { name: 'main.c', content: '/* start */' },
      { name: 'README', content: 'notes' },
    ]);
    expect(initialFiles(exercise, 'python', [])).toEqual([
      { name: 'server.py', content: '' },
      { name: 'util.py', content: '' },
    ]);
  });

  it('offers the exercise’s languages that socklab knows', () => {
    expect(offeredLanguages(exercise)).toEqual(['c', 'python']);
    expect(offeredLanguages({ languages: [], spec: { languages: { java: {}, rust: {} } as never } })).toEqual(['java']);
  });
});
