"""sigpipe-safe-server, reference: ticks to each client until a write fails, then the next."""
import socket
import sys
import time


def serve(conn: socket.socket) -> None:
    i = 1
    while True:
        try:
            conn.sendall(f"TICK {i}\n".encode())
        except OSError as error:  # BrokenPipeError, ConnectionResetError, ...
            print(f"client gone after {i - 1} ticks: {error}", file=sys.stderr)
            return
        i += 1
        time.sleep(0.05)


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
            serve(conn)


if __name__ == "__main__":
    main()
