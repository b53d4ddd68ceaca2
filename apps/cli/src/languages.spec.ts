import { CliError } from './cli-error';
import { detectLanguage } from './languages';

describe('detectLanguage', () => {
  it('reads the language from the file extensions', () => {
    expect(detectLanguage(['server.c'])).toBe('c');
    expect(detectLanguage(['a.cpp', 'b.cc'])).toBe('cpp');
    expect(detectLanguage(['main.py'])).toBe('python');
    expect(detectLanguage(['Main.java'])).toBe('java');
  });

  it('lets --lang decide, and refuses an unknown one', () => {
    expect(detectLanguage(['prog.txt'], 'python')).toBe('python');
    expect(() => detectLanguage(['main.c'], 'rust')).toThrow(/choose one of c, cpp, python, java/);
  });

  it('asks for --lang when the files do not say or disagree', () => {
    expect(() => detectLanguage(['prog'])).toThrow(CliError);
    expect(() => detectLanguage(['a.c', 'b.py'])).toThrow(/mix languages/);
  });
});
