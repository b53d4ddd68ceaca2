/** The playground's Python programs (see ./index.ts for what every starter does). */
export const PYTHON_CLIENT = String.raw`"""Playground client: connects to the peer (argv[1] = its address,
argv[2] = the port), sends one line, shuts down its sending side (FIN),
then prints what comes back until the peer closes. Watch the handshake,
the data and both FINs in the ladder diagram."""
import socket
import sys

if len(sys.argv) != 3:
    sys.exit(f"usage: {sys.argv[0]} HOST PORT")
with socket.create_connection((sys.argv[1], int(sys.argv[2]))) as sock:
    sock.settimeout(5)  # a peer that died never answers: give up after 5 s
    try:
        sock.sendall(b"hello, socklab\n")
        try:
            sock.shutdown(socket.SHUT_WR)  # FIN: we send nothing more, but keep reading
        except OSError:
            pass  # the peer reset the connection already (ENOTCONN): recv says so
        while data := sock.recv(4096):
            print(data.decode(errors="replace"), end="", flush=True)
    except TimeoutError:
        print("no answer for 5 s", file=sys.stderr)
    except OSError as error:  # ConnectionResetError: the peer answered with RST
        print(f"the connection failed: {error}", file=sys.stderr)
`;

export const PYTHON_SERVER = String.raw`"""Playground server: listens on argv[1], accepts one connection and
echoes what it receives until the peer shuts down its side, or 2 s pass
in silence; then it closes. Watch who sends the first FIN in the ladder
diagram, and your socket's states."""
import socket
import sys

if len(sys.argv) != 2:
    sys.exit(f"usage: {sys.argv[0]} PORT")
with socket.create_server(("0.0.0.0", int(sys.argv[1]))) as listener:
    conn, _ = listener.accept()
    with conn:  # closing it sends our FIN (or RST, if data we never read is waiting)
        conn.settimeout(2)
        try:
            while data := conn.recv(4096):
                conn.sendall(data)
        except TimeoutError:
            print("no data for 2 s: closing", file=sys.stderr)
        except OSError as error:
            print(f"recv: {error}", file=sys.stderr)
`;
