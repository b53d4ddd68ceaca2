import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffCounters, parseNstatOutput } from './nstat';
import { parseSsDuration, parseSsOutput } from './ss-parse';

// Captured from `ss -H -tanoiemp` in a netns on Linux 6.18 (iproute2 6.1), plus IPv6 rows.
const FIXTURE = readFileSync(join(__dirname, 'ss-fixture.txt'), 'utf8');

describe('parseSsOutput', () => {
  const sockets = parseSsOutput(FIXTURE);

  it('reads one entry per socket with its continuation lines', () => {
    expect(sockets.map((s) => s.state)).toEqual([
      'LISTEN',
      'FIN_WAIT_2',
      'CLOSE_WAIT',
      'TIME_WAIT',
      'ESTABLISHED',
    ]);
  });

  it('reads a listener: accept queue, backlog, owner process, memory', () => {
    expect(sockets[0]).toMatchObject({
      recvQ: 0,
      sendQ: 4,
      local: { addr: '127.0.0.1', port: 7000 },
      peer: { addr: '0.0.0.0', port: null },
      processes: [{ name: 'python3', pid: 32320, fd: 3 }],
      inode: 58531,
      cookie: '1002',
      shutdown: '<->',
    });
    expect(sockets[0].skmem).toMatchObject({ r: 0, rb: 131072, tb: 16384 });
  });

  it('reads unread bytes, uid, shutdown direction and tcp_info of a CLOSE-WAIT socket', () => {
    expect(sockets[2]).toMatchObject({ recvQ: 1, uid: 1000, shutdown: '-->', timer: null });
    expect(sockets[2].info).toMatchObject({ rto: '204', mss: '32768', bytes_received: '1', wscale: '10,10' });
  });

  it('reads timewait timers and unwraps IPv4-mapped addresses', () => {
    expect(sockets[1].timer).toEqual({ name: 'timewait', expiresMs: 59_000, retransmits: 0 });
    expect(sockets[3]).toMatchObject({
      local: { addr: '10.202.0.1', port: 33560 },
      timer: { name: 'timewait', expiresMs: 62_000 },
    });
    expect(sockets[4].local).toEqual({ addr: '::1', port: 7000 });
  });

  it('rejects a state it does not know instead of guessing', () => {
    expect(() => parseSsOutput('BOGUS 0 0 1.2.3.4:1 1.2.3.4:2\n')).toThrow(
      expect.objectContaining({ code: 'trace/ss-parse' }),
    );
  });

  it('converts ss durations to milliseconds', () => {
    expect(parseSsDuration('200ms')).toBe(200);
    expect(parseSsDuration('1.5sec')).toBe(1500);
    expect(parseSsDuration('2min3sec')).toBe(123_000);
  });
});

describe('nstat', () => {
  it('parses absolute counters and diffs only what changed', () => {
    const before = parseNstatOutput('#kernel\nTcpActiveOpens 1 0.0\nTcpExtListenOverflows 0 0.0\n');
    const after = parseNstatOutput(
      '#kernel\nTcpActiveOpens 4 0.0\nTcpExtListenOverflows 0 0.0\nTcpOutRsts 2 0.0\n',
    );
    expect(diffCounters(before, after)).toEqual({ TcpActiveOpens: 3, TcpOutRsts: 2 });
  });
});
