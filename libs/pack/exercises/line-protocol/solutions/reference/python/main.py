"""line-protocol reference solution: frames lines out of the byte stream."""
import socket
import sys

MAX_LINE = 8192


def serve(conn: socket.socket) -> None:
    line = bytearray()
    too_long = False
    while True:
        data = conn.recv(4096)
        if not data:
            return
        for byte in data:
            if byte != 0x0A:
                # Keep at most the longest valid line, its '\r' and one byte to notice overflow.
                if len(line) < MAX_LINE + 2:
                    line.append(byte)
                else:
                    too_long = True
                continue
            content = len(line) - 1 if line.endswith(b"\r") else len(line)
            if too_long or content > MAX_LINE:
                # The whole line has been read: closing now sends FIN, not RST.
                conn.sendall(b"ERR too long\n")
                return
            conn.sendall(b"LEN %d\n" % content)
            line.clear()


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
                pass


if __name__ == "__main__":
    main()
