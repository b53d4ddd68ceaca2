import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStrace, straceArgs } from '../src';
import { collect, createVethLab, PYTHON3, type VethLab } from './support/veth-lab';

// Refused connect, then a peer that closes: the second write gets EPIPE and SIGPIPE kills us.
const PROGRAM = `
import socket, signal, time
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
probe = socket.socket(); probe.connect_ex(('127.0.0.1', 1)); probe.close()
ls = socket.socket(); ls.bind(('127.0.0.1', 7003)); ls.listen(1)
c = socket.socket(); c.connect(('127.0.0.1', 7003))
a, _ = ls.accept(); a.close()
c.send(b'first')            # accepted by the kernel; the peer answers with RST
time.sleep(0.05)
c.send(b'second')           # EPIPE + SIGPIPE
`;

describe('parseStrace on real strace output', () => {
  let lab: VethLab;
  let dir: string;
  beforeAll(() => {
    lab = createVethLab('t', 13);
    dir = mkdtempSync(join(tmpdir(), 'slr-strace-'));
  });
  afterAll(() => {
    lab?.teardown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows ECONNREFUSED, accept, EPIPE, SIGPIPE and the kill, in order', async () => {
    const out = join(dir, 'strace.txt');
    const child = spawn('ip', [
      'netns',
      'exec',
      lab.client.ns,
      'strace',
      ...straceArgs(out, [PYTHON3, '-c', PROGRAM]),
    ]);
    await new Promise<string>((resolve) => collect(child, resolve, () => resolve('')));
    const parsed = parseStrace(readFileSync(out, 'utf8'));

    const story = parsed.syscalls
      .filter((s) => ['connect', 'listen', 'accept4', 'sendto', 'close'].includes(s.name))
      .map((s) => `${s.name}${s.errno ? `:${s.errno}` : ''}`);
    expect(story).toEqual([
      'connect:ECONNREFUSED',
      'close',
      'listen',
      'connect',
      'accept4',
      'close',
      'sendto',
      'sendto:EPIPE',
    ]);
    const accept = parsed.syscalls.find((s) => s.name === 'accept4')!;
    const connect = parsed.syscalls.filter((s) => s.name === 'connect')[1];
    expect(accept.socket?.remote?.port).toBe(connect.socket?.local?.port ?? accept.socket?.remote?.port);
    expect(accept.socket?.local).toEqual({ addr: '127.0.0.1', port: 7003 });
    expect(parsed.signals.map((s) => s.signal)).toEqual(['SIGPIPE']);
    expect(parsed.exits).toEqual([expect.objectContaining({ kind: 'killed', signal: 'SIGPIPE' })]);
    const times = parsed.syscalls.map((s) => s.tStartNs);
    expect([...times].sort((a, b) => (a < b ? -1 : 1))).toEqual(times);
  });
});
