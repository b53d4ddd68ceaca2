/**
 * Real test (root): the sock_diag dump of a namespace lists exactly the sockets `ss -t -a
 * -n -e` lists there — listeners (IPv4, and IPv6 dual-stack with IPv4-mapped peers),
 * established with queued bytes, TIME-WAIT, FIN-WAIT-2 and CLOSE-WAIT — with the same
 * states, addresses, queues, inodes and cookies.
 */
import { readNetnsTcpSockets } from '../src';
import { namespaceForTests, runningAsRoot } from './helpers/lab-resources';

const PREFIX = 'slq-sd';
const describeAsRoot = runningAsRoot ? describe : describe.skip;

/** A program that leaves one socket in each interesting state, prints "ready", then waits. */
const SOCKETS = `
import socket, sys, time
v6 = socket.socket(socket.AF_INET6); v6.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
v6.bind(('::', 7100)); v6.listen(5)
v4 = socket.socket(); v4.bind(('127.0.0.1', 7101)); v4.listen(3)
c1 = socket.create_connection(('127.0.0.1', 7100)); a1, _ = v6.accept(); c1.send(b'x' * 100)
c2 = socket.create_connection(('127.0.0.1', 7101)); a2, _ = v4.accept(); c2.close(); a2.close()
c3 = socket.create_connection(('127.0.0.1', 7100)); a3, _ = v6.accept(); c3.close()
time.sleep(0.2); print('ready', flush=True); sys.stdin.read()
`;

const SS_STATE: Record<string, number> = {
  ESTAB: 1,
  'TIME-WAIT': 6,
  'FIN-WAIT-2': 5,
  'CLOSE-WAIT': 8,
  LISTEN: 10,
};

describeAsRoot('readNetnsTcpSockets', () => {
  const namespace = namespaceForTests(PREFIX);

  it('lists what ss lists, field for field', async () => {
    const ns = namespace();
    const program = ns.spawn('python3', ['-c', SOCKETS], { stdio: ['pipe', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => program.stdout?.once('data', () => resolve()));
    const { stdout } = await ns.exec('ss', ['-H', '-t', '-a', '-n', '-e']);
    program.stdin?.end();
    const unwrap = (text: string): string =>
      text.replace(/^\[(?:::ffff:)?([^\]]*)\]/, '$1').replace(/^\*$/, '::');
    const fromSs = stdout
      .trim()
      .split('\n')
      .map((line) => {
        const [state = '', recvQ, sendQ, local = '', peer = ''] = line.trim().split(/\s+/);
        const split = (text: string) => {
          const at = text.lastIndexOf(':');
          return {
            addr: unwrap(text.slice(0, at)),
            port: text.slice(at + 1) === '*' ? 0 : Number(text.slice(at + 1)),
          };
        };
        return {
          state: SS_STATE[state],
          local: split(local),
          remote: split(peer),
          recvQ: Number(recvQ),
          sendQ: Number(sendQ),
          inode: Number(/\bino:(\d+)/.exec(line)?.[1]),
          cookie: /\bsk:([0-9a-f]+)/.exec(line)?.[1],
        };
      });
    const dumped = readNetnsTcpSockets(ns.name).map(
      ({ state, local, remote, recvQ, sendQ, inode, cookie }) => ({
        state,
        local,
        remote,
        recvQ,
        sendQ,
        inode,
        cookie,
      }),
    );
    const key = (s: { cookie?: string }) => s.cookie ?? '';
    expect([...dumped].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      [...fromSs].sort((a, b) => key(a).localeCompare(key(b))),
    );
    expect(dumped.map((s) => s.state).sort((a, b) => a - b)).toEqual([1, 1, 5, 6, 8, 10, 10]);
    expect(dumped.find((s) => s.state === 1 && s.local.port === 7100)).toMatchObject({
      recvQ: 100,
      remote: { addr: '127.0.0.1' },
    });
  });
});
