import { expandReceived } from './received-placeholders';

describe('received placeholders in send data', () => {
  const upload = () => Buffer.from('abc');

  it('answers with the count and SHA-256 of what the script has read', () => {
    expect(expandReceived('RECEIVED {received.bytes} {received.sha256}\n', upload)).toBe(
      'RECEIVED 3 ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n',
    );
  });

  it('hashes nothing read as the empty string', () => {
    expect(expandReceived('{received.sha256}', () => Buffer.alloc(0))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('leaves text without placeholders, and unknown ones, as they are', () => {
    let asked = false;
    const read = () => {
      asked = true;
      return upload();
    };
    expect(expandReceived('PONG {received.md5} {i}\n', read)).toBe('PONG {received.md5} {i}\n');
    expect(asked).toBe(false);
  });
});
