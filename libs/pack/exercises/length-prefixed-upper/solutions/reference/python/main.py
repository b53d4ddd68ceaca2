"""length-prefixed-upper reference: read exactly 4 bytes, then exactly that many, however recv() cuts them."""
import socket
import struct
import sys

MAX_PAYLOAD = 65536
LOWER = bytes(range(ord("a"), ord("z") + 1))
UPPER = bytes(range(ord("A"), ord("Z") + 1))
TO_UPPER = bytes.maketrans(LOWER, UPPER)


def read_exactly(conn, length):
    """Exactly `length` bytes; b"" on EOF before the first byte; None on EOF inside."""
    data = bytearray()
    while len(data) < length:
        chunk = conn.recv(length - len(data))
        if not chunk:
            return b"" if not data else None
        data += chunk
    return bytes(data)


def serve(conn):
    while True:
        header = read_exactly(conn, 4)
        if not header:
            return
        (length,) = struct.unpack("!I", header)
        if length > MAX_PAYLOAD:
            return
        payload = read_exactly(conn, length) if length > 0 else b""
        if payload is None:
            return
        conn.sendall(header + payload.translate(TO_UPPER))


def main():
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


main()
