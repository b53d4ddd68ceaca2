import { parseSocketDecoration, parseStrace } from './strace-parse';
import { parseUnixStamp, realtimeToMonotonic, sampleClockPair } from './clock-alignment';

const LINES = `3027  1795256882.474422756 socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP) = 3<TCP:[67504]> <0.000027>
3027  1795256882.477689031 bind(3<TCP:[67504]>, {sa_family=AF_INET, sin_port=htons(0), sin_addr=inet_addr("127.0.0.1")}, 16) = 0 <0.000022>
3027  1795256882.478182592 listen(3<TCP:[127.0.0.1:39439]>, 1) = 0 <0.000075>
3027  1795256882.480000000 read(5</etc/hosts>, "127.0.0.1 localhost", 4096) = 19 <0.000010>
3027  1795256882.489965200 accept4(3<TCP:[127.0.0.1:39439]>, <unfinished ...>
3028  1795256882.489970000 connect(4<TCP:[67508]>, {sa_family=AF_INET, sin_port=htons(39439), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 EINPROGRESS (Operation now in progress) <0.000070>
3027  1795256882.490100000 <... accept4 resumed>{sa_family=AF_INET, sin_port=htons(38486), sin_addr=inet_addr("127.0.0.1")}, [16], SOCK_CLOEXEC) = 5<TCP:[127.0.0.1:39439->127.0.0.1:38486]> <0.000135>
3028  1795256882.562568366 sendto(4<TCP:[127.0.0.1:38486->127.0.0.1:39439]>, "y", 1, 0, NULL, 0) = -1 EPIPE (Broken pipe) <0.004659>
3028  1795256882.571270926 --- SIGPIPE {si_signo=SIGPIPE, si_code=SI_USER, si_pid=3028, si_uid=0} ---
3029  1795256882.571300000 recvfrom(6<TCP:[10.202.0.1:1->10.202.0.2:2]>, <unfinished ...>
3028  1795256882.581949092 +++ killed by SIGPIPE +++
3029  1795256882.590000000 +++ exited with 3 +++
[pid  3030] 1795256882.6 write(7<TCPv6:[[::1]:80->[::1]:5000]>, "x", 1) = 1 <0.000001>
strace: Process 3028 attached
`;

describe('parseStrace', () => {
  const parsed = parseStrace(LINES);
  const byName = (name: string) => parsed.syscalls.find((s) => s.name === name)!;

  it('keeps socket calls and drops reads of plain files', () => {
    expect(parsed.syscalls.map((s) => s.name)).toEqual([
      'socket',
      'bind',
      'listen',
      'connect',
      'accept4',
      'sendto',
      'recvfrom',
      'write',
    ]);
  });

  it('reads the returned socket of socket() by inode and the fd argument decoration', () => {
    expect(byName('socket')).toMatchObject({
      pid: 3027,
      ret: '3',
      fd: null,
      socket: { protocol: 'TCP', inode: 67504 },
    });
    expect(byName('listen')).toMatchObject({ fd: 3, socket: { local: { addr: '127.0.0.1', port: 39439 } } });
  });

  it('merges an unfinished accept4 with its resumption; the connection comes from the returned fd', () => {
    expect(byName('accept4')).toMatchObject({
      tStartNs: 1795256882489965200n,
      tEndNs: 1795256882490100000n,
      ret: '5',
      socket: { local: { addr: '127.0.0.1', port: 39439 }, remote: { addr: '127.0.0.1', port: 38486 } },
      durationNs: 135_000,
    });
    expect(byName('accept4').args).toMatch(/^3<TCP:\[127\.0\.0\.1:39439\]>, \{sa_family=AF_INET/);
  });

  it('reads errno names and texts, and end = start + -T duration', () => {
    expect(byName('connect')).toMatchObject({
      ret: '-1',
      errno: 'EINPROGRESS',
      errnoText: 'Operation now in progress',
    });
    expect(byName('sendto')).toMatchObject({ errno: 'EPIPE', tEndNs: 1795256882562568366n + 4_659_000n });
  });

  it('keeps a call its process never returned from, with no end', () => {
    expect(byName('recvfrom')).toMatchObject({ pid: 3029, tEndNs: null, ret: null });
  });

  it('reads signals, exits and kills', () => {
    expect(parsed.signals).toEqual([
      {
        pid: 3028,
        tNs: 1795256882571270926n,
        signal: 'SIGPIPE',
        info: '{si_signo=SIGPIPE, si_code=SI_USER, si_pid=3028, si_uid=0}',
      },
    ]);
    expect(parsed.exits).toEqual([
      { pid: 3028, tNs: 1795256882581949092n, kind: 'killed', signal: 'SIGPIPE', coreDumped: false },
      { pid: 3029, tNs: 1795256882590000000n, kind: 'exited', exitCode: 3 },
    ]);
  });

  it('accepts [pid N] prefixes and IPv6 decorations, and reports lines it cannot read', () => {
    expect(byName('write')).toMatchObject({
      pid: 3030,
      socket: { protocol: 'TCPv6', remote: { addr: '::1', port: 5000 } },
    });
    expect(parsed.unparsed).toEqual(['strace: Process 3028 attached']);
  });
});

describe('stdio writes', () => {
  it('keeps writes to stdout and stderr when they are UNIX sockets, and drops other UNIX-socket calls', () => {
    const parsed = parseStrace(`5     1795262247.313328801 write(1<UNIX-STREAM:[148876]>, "DEAD\\n", 5) = 5 <0.000031>
5     1795262247.313400000 write(2<UNIX-STREAM:[148877]>, "oops\\n", 5) = 5 <0.000010>
5     1795262247.313500000 read(0<UNIX-STREAM:[148875]>, "", 4096) = 0 <0.000010>
5     1795262247.313600000 write(4<UNIX-STREAM:[148878]>, "x", 1) = 1 <0.000010>
5     1795262247.313700000 close(1<UNIX-STREAM:[148876]>) = 0 <0.000010>
`);
    expect(parsed.syscalls.map((call) => [call.name, call.fd])).toEqual([
      ['write', 1],
      ['write', 2],
    ]);
    expect(parsed.syscalls[0]).toMatchObject({ args: '1<UNIX-STREAM:[148876]>, "DEAD\\n", 5', ret: '5' });
  });
});

describe('decorations and clocks', () => {
  it('ignores non-socket decorations', () => {
    expect(parseSocketDecoration('/etc/hosts')).toBeNull();
    expect(parseSocketDecoration('anon_inode:[eventpoll]')).toBeNull();
  });

  it('parses unix stamps exactly at any precision', () => {
    expect(parseUnixStamp('1795256882.5')).toBe(1795256882500000000n);
    expect(parseUnixStamp('1795256882.000000001')).toBe(1795256882000000001n);
  });

  it('samples a realtime/monotonic pair that maps now onto now within a millisecond', () => {
    const pair = sampleClockPair();
    const mono = realtimeToMonotonic(BigInt(Date.now()) * 1_000_000n, pair);
    const drift = Number(process.hrtime.bigint() - mono);
    expect(Math.abs(drift)).toBeLessThan(2_000_000);
  });
});
