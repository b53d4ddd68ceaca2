"""busy-listener: answer each connection's line reversed, then close it.

Started as:  python3 main.py PORT     (listen on 0.0.0.0:PORT)
"""
import socket
import sys

MAX_LINE = 1024
# TODO: how many connection attempts must the listener's queues hold at once?
BACKLOG = 1


def serve(conn):
    """Serves one connection; the caller closes it."""
    # TODO: read until b"\n" (recv() may return part of the line), reverse the bytes before
    # the b"\n" and send them back followed by b"\n" with conn.sendall().
    # If the client closes before the b"\n" (recv() returns b""), just return.
    pass


def main():
    if len(sys.argv) != 2:
        print(f"usage: {sys.argv[0]} PORT", file=sys.stderr)
        sys.exit(1)
    port = int(sys.argv[1])
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("0.0.0.0", port))
    listener.listen(BACKLOG)
    while True:
        conn, _ = listener.accept()
        with conn:
            serve(conn)


if __name__ == "__main__":
    main()
