import { statementMarkdown } from './statement';

const spec = {
  scenarios: [{ id: 'a', title: 'Three writes', description: 'then shutdown(SHUT_WR)' }],
  checks: [
    { id: 'echo', title: 'Every byte is echoed', points: 30, visibility: 'visible' as const, explanation: 'TCP is a byte stream.' },
    { points: 10, visibility: 'hidden' as const },
    { points: 1, visibility: 'after-due' as const },
  ],
};

describe('statementMarkdown', () => {
  it('puts statement.md first, then what is graded, hidden checks by their points only', () => {
    const text = statementMarkdown({ title: 'T', summary: 'S', spec, statement: '# Echo\n\nWrite a server.\n' });
    expect(text).toBe(
      [
        '# Echo\n\nWrite a server.',
        '## What is graded',
        '- **Every byte is echoed** (30 points): TCP is a byte stream.\n' +
          '- *A hidden check* (10 points)\n' +
          '- *A check revealed after the due date* (1 point)',
      ].join('\n\n'),
    );
  });

  it('leaves out a first heading that repeats the title (the page shows it)', () => {
    expect(statementMarkdown({ title: 'Echo', summary: null, spec: {}, statement: '# Echo\n\nWrite a server.' })).toBe('Write a server.');
    expect(statementMarkdown({ title: 'Echo', summary: null, spec: {}, statement: '# Other\n\nText' })).toBe('# Other\n\nText');
  });

  it('stands in the summary and the scenarios for a missing statement.md', () => {
    const text = statementMarkdown({ title: 'T', summary: 'Echo it all.', spec: { scenarios: spec.scenarios }, statement: null });
    expect(text).toBe('Echo it all.\n\n## Scenarios\n\n- **Three writes** — then shutdown(SHUT_WR)');
  });
});
