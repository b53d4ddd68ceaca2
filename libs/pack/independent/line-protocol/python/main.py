"""line-protocol, an independent Python solution reading lines through socket.makefile().

readline() with a limit never stores more than one valid line plus its "\\r\\n"; a longer
line is drained to its "\\n", answered "ERR too long" and the connection closed.
"""
import socket
import sys

LONGEST_LINE = 8192
LIMIT = LONGEST_LINE + 2  # content, "\r", "\n"


def content_of(line: bytes) -> bytes:
    line = line[:-1]  # the "\n"
    return line[:-1] if line.endswith(b"\r") else line


def serve(conn: socket.socket) -> None:
    with conn.makefile("rb") as lines:
        while line := lines.readline(LIMIT):
            if not line.endswith(b"\n"):
                if len(line) < LIMIT:
                    return  # the client closed in the middle of a line
                while (rest := lines.readline(LIMIT)) and not rest.endswith(b"\n"):
                    pass
                conn.sendall(b"ERR too long\n")
                return
            content = content_of(line)
            if len(content) > LONGEST_LINE:
                conn.sendall(b"ERR too long\n")
                return
            conn.sendall(b"LEN %d\n" % len(content))


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} PORT")
    listener = socket.create_server(("0.0.0.0", int(sys.argv[1])), reuse_port=False)
    while True:
        conn, _ = listener.accept()
        with conn:
            try:
                serve(conn)
            except OSError as error:
                print(f"client failed: {error}", file=sys.stderr)


if __name__ == "__main__":
    main()
