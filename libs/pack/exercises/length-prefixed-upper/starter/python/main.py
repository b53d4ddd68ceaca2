"""length-prefixed-upper: answer each message (4-byte big-endian length + payload) with the
same framing and the payload's letters a-z in capitals.

Started as:  python3 main.py PORT     (listen on 0.0.0.0:PORT)
"""
import socket
import struct
import sys

MAX_PAYLOAD = 65536


def read_exactly(conn, length):
    """Exactly `length` bytes; b"" when the stream ended before the first byte; None when it
    ended in the middle."""
    # TODO: call conn.recv() until `length` bytes have arrived: one recv() may return fewer.
    return b""


def serve(conn):
    """Serves one client until the end of its stream; the caller closes the connection."""
    while True:
        header = read_exactly(conn, 4)
        if not header:
            return
        (length,) = struct.unpack("!I", header)
        # TODO: read `length` payload bytes (none for a length of 0), turn b"a".."z" into
        # b"A".."Z" and leave every other byte alone (bytes.upper() does exactly that), then
        # conn.sendall() the header and the payload.
        return


def main():
    if len(sys.argv) != 2:
        print(f"usage: {sys.argv[0]} PORT", file=sys.stderr)
        sys.exit(1)
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
                pass


if __name__ == "__main__":
    main()
