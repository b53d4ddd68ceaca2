import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StraceFollower, type FollowedCall } from './strace-follow';
import { parseStrace } from './strace-parse';

// As strace writes while the program runs: a blocking call's first half at entry, the rest
// when it returns; another process's line in between turns the first half into <unfinished ...>.
const PIECES = [
  '5 1795264221.596600009 socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3<TCP:[1096150]> <0.000020>\n',
  '5 1795264221.597400000 listen(3<TCP:[0.0.0.0:38317]>, 16) = 0 <0.000011>\n',
  '5 1795264221.597500000 accept(3<TCP:[0.0.0.0:38317]>, NULL, NULL',
  ' <unfinished ...>\n6 1795264222.100000000 write(1<UNIX-STREAM:[7]>, "\u00e9t\u00e9\\n", 6) = 6 <0.000008>\n',
  '5 1795264222.300000000 <... accept resumed>) = 4<TCP:[10.210.0.1:38317->10.210.0.2:49152]> <0.802500>\n',
  '5 1795264222.310000000 read(4<TCP:[10.210.0.1:38317->10.210.0.2:49152]>, ',
  '"hello", 16384) = 5 <0.000009>\n6 1795264222.400000000 recvfrom(9<UDP:[1.2.3.4:5]>, <unfinished ...>\n',
  '6 1795264222.500000000 +++ killed by SIGKILL +++\n',
  '5 1795264222.600000000 close(4<TCP:[10.210.0.1:38317->10.210.0.2:49152]>) = 0 <0.000010>',
];

describe('StraceFollower', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'strace-follow-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const names = (calls: FollowedCall[]) => calls.map((c) => c.call.name);

  it('returns each call once its line is complete, as strace writes the file', async () => {
    const path = join(dir, 'strace.txt');
    const follower = new StraceFollower(path);
    expect(await follower.poll()).toEqual([]); // strace has not created the file yet
    const seen: string[][] = [];
    for (const piece of PIECES) {
      appendFileSync(path, piece);
      seen.push(names(await follower.poll()));
    }
    seen.push(names(await follower.finish()));
    expect(seen).toEqual([
      ['socket'],
      ['listen'],
      [], // accept() is blocking: only its first half is written
      ['write'],
      ['accept'],
      [],
      ['read'],
      ['recvfrom'], // its process died in it
      [],
      ['close'], // the last line has no newline: only finish() takes it
    ]);
    expect(await follower.poll()).toEqual([]);
  });

  it('returns exactly what parseStrace reads from the whole file, however the reads cut it', async () => {
    const path = join(dir, 'strace.txt');
    appendFileSync(path, PIECES.join(''));
    const follower = new StraceFollower(path, {}, 7); // 7 bytes per read: cuts lines and UTF-8 sequences
    const calls: FollowedCall[] = [];
    for (let i = 0; i < 200; i++) calls.push(...(await follower.poll()));
    calls.push(...(await follower.finish()));
    expect(calls.map((c) => c.call)).toEqual(parseStrace(PIECES.join('')).syscalls);
    expect(calls.find((c) => c.call.name === 'write')?.call.args).toContain('été');
  });

  it('says when each call stopped: its return, or its process ending in it', async () => {
    const path = join(dir, 'strace.txt');
    appendFileSync(path, PIECES.join(''));
    const calls = await new StraceFollower(path).finish();
    const endOf = (name: string) => calls.find((c) => c.call.name === name)?.endedNs;
    expect(endOf('accept')).toBe(1795264222300000000n);
    expect(endOf('read')).toBe(1795264222310000000n + 9_000n);
    expect(endOf('recvfrom')).toBe(1795264222500000000n);
  });

  it('closes a call left unfinished when the output ends, with no end known', async () => {
    const path = join(dir, 'strace.txt');
    appendFileSync(
      path,
      '5 1795264221.597500000 accept(3<TCP:[0.0.0.0:38317]>, NULL, NULL <unfinished ...>\n',
    );
    const follower = new StraceFollower(path);
    expect(await follower.poll()).toEqual([]);
    expect(await follower.finish()).toEqual([
      expect.objectContaining({
        call: expect.objectContaining({ name: 'accept', tEndNs: null }),
        endedNs: null,
      }),
    ]);
  });
});
