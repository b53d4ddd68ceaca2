import { initialProgram, playgroundDraftKey, roleNote, startCommand } from './playground-program';

describe('the playground program', () => {
  it('is started as the language runs it, with the preset’s arguments', () => {
    expect(startCommand('c', ['{host}', '{port}'])).toBe('./prog {host} {port}');
    expect(startCommand('java', ['{port}'])).toBe('java -cp . Main {port}');
    expect(roleNote({ role: 'client', args: ['{host}', '{port}'] }, 'python')).toBe(
      'Your program is the client: it is started as python3 main.py {host} {port}, where {host} is the address to connect to and {port} the port.',
    );
    expect(roleNote({ role: 'server', args: ['{port}'] }, 'c')).toMatch(
      /^Your program is the server: it is started as \.\/prog \{port\} and must listen/,
    );
  });

  it('starts from the draft when there is one, else from the starter of its role', () => {
    expect(initialProgram('client', 'c', [{ name: 'main.c', content: 'mine' }])).toEqual({
      name: 'main.c',
      content: 'mine',
    });
    const starter = initialProgram('server', 'python', null);
    expect(starter.name).toBe('main.py');
    expect(starter.content).toContain('create_server');
    expect(initialProgram('client', 'java', []).name).toBe('Main.java');
  });

  it('keeps one draft per member, role and language', () => {
    expect(playgroundDraftKey('u1', 'server', 'cpp')).toEqual({
      userId: 'u1',
      exerciseId: 'playground-server',
      language: 'cpp',
    });
  });
});
