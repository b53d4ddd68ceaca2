"""line-protocol: answer every line with "LEN <n>\\n".

Started as:  python3 main.py PORT     (listen on 0.0.0.0:PORT)
"""
import socket
import sys

MAX_LINE = 8192


def serve(conn: socket.socket) -> None:
    """Serves one client until it closes its side (recv() returns b"")."""
    while True:
        data = conn.recv(4096)
        if not data:
            return
        # TODO: `data` is NOT one line. It may hold part of a line, the end of one line and the
        # start of the next, or several lines. Keep the current line across calls, and for
        # every b"\n":
        #   - drop one b"\r" right before the b"\n";
        #   - reply b"LEN <content length>\n" with conn.sendall();
        #   - if the content is longer than MAX_LINE bytes, reply b"ERR too long\n" instead and
        #     return (the caller closes the connection). Do not buffer more than you need.


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} PORT")
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("0.0.0.0", int(sys.argv[1])))
    listener.listen(16)
    while True:
        conn, _ = listener.accept()
        with conn:
            try:
                serve(conn)
            except OSError:
                pass  # the client reset the connection: serve the next one


if __name__ == "__main__":
    main()
