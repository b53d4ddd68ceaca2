import { patternBytes } from './byte-patterns';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('patternBytes', () => {
  it('repeats the alphabet, in small or capital letters, from "a" at offset 0', () => {
    expect(text(patternBytes(30, 'alphabet'))).toBe('abcdefghijklmnopqrstuvwxyzabcd');
    expect(text(patternBytes(28, 'alphabet-upper'))).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZAB');
  });

  it('counts bytes modulo 256 and fills zeros', () => {
    const counter = patternBytes(258, 'counter');
    expect([counter[0], counter[255], counter[256], counter[257]]).toEqual([0, 255, 0, 1]);
    expect(patternBytes(4, 'zeros')).toEqual(new Uint8Array(4));
  });

  it('gives an empty array for no bytes', () => {
    expect(patternBytes(0, 'alphabet')).toHaveLength(0);
  });
});
