"""busy-listener reference: a backlog that holds the whole burst, one connection at a time."""
import socket
import sys

BACKLOG = 128  # enough for 64 simultaneous handshakes


def read_line(conn):
    data = bytearray()
    while not data.endswith(b"\n"):
        chunk = conn.recv(1)
        if not chunk:
            return None
        data += chunk
    return bytes(data[:-1])


def main():
    port = int(sys.argv[1])
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("0.0.0.0", port))
    listener.listen(BACKLOG)
    while True:
        conn, _ = listener.accept()
        with conn:
            line = read_line(conn)
            if line is not None:
                conn.sendall(line[::-1] + b"\n")


main()
