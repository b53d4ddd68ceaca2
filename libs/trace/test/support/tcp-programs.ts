/**
 * Small python3 programs that drive real kernel sockets through one scenario each. The server
 * prints 'ready' once listening and waits for the client; both exit 0 when the scenario holds.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { collect, PYTHON3, type VethLab } from './veth-lab';

/**
 * argv: addr port mode. Modes: 'close' (4-way close, server closes after client), 'halfclose',
 * 'rst', 'hold' (after the client's FIN the server prints 'eof' and closes only once a line
 * arrives on its stdin).
 */
export const SERVER = `
import socket, sys
addr, port, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
ls = socket.socket(); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind((addr, port)); ls.listen(8); print('ready', flush=True)
c, _ = ls.accept()
if mode == 'close':
    assert c.recv(100) == b'hello'; assert c.recv(100) == b''; c.close()
elif mode == 'halfclose':
    assert c.recv(100) == b''
    c.sendall(b'after-your-fin'); c.close()
elif mode == 'hold':
    assert c.recv(100) == b''; print('eof', flush=True)
    sys.stdin.readline(); c.close()
elif mode == 'rst':
    c.recv(1)  # leaves unread data behind: close() must send RST (RFC 9293 §3.10.4, Linux tcp_close)
    c.close()
ls.close()
`;

export const CLIENT = `
import socket, sys, time
addr, port, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
s = socket.socket(); s.connect((addr, port))
if mode == 'close':
    s.sendall(b'hello'); s.shutdown(socket.SHUT_WR)
    assert s.recv(100) == b''; s.close()
elif mode == 'hold':
    s.shutdown(socket.SHUT_WR)
    assert s.recv(100) == b''; s.close()
elif mode == 'halfclose':
    s.shutdown(socket.SHUT_WR)
    data = b''
    while True:
        chunk = s.recv(100)
        if not chunk: break
        data += chunk
    assert data == b'after-your-fin', data; s.close()
elif mode == 'rst':
    s.sendall(b'0123456789')
    try:
        while s.recv(100): pass
        sys.exit('expected ECONNRESET')
    except ConnectionResetError:
        pass
    s.close()
`;

/** Starts SERVER in the lab's server namespace; `done` resolves with its output once it exits 0. */
export function startServer(
  lab: VethLab,
  port: number,
  mode: string,
): { child: ChildProcessWithoutNullStreams; done: Promise<string> } {
  const child = spawn('ip', [
    'netns',
    'exec',
    lab.server.ns,
    PYTHON3,
    '-u',
    '-c',
    SERVER,
    lab.server.addr,
    String(port),
    mode,
  ]);
  return { child, done: new Promise<string>((resolve, reject) => collect(child, resolve, reject)) };
}
