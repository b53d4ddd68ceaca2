"""prompt-close, reference: a thread per client; "GET <key>" → "VALUE <key>"; the connection
is closed as soon as the client closes it (recv() returns b"") or resets it (an OSError)."""
import socket
import sys
import threading


def serve(conn: socket.socket) -> None:
    with conn:
        pending = b""
        while True:
            try:
                data = conn.recv(4096)
            except OSError:  # ConnectionResetError: the client sent RST
                return
            if not data:  # end of stream: the client's FIN
                return
            pending += data
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                if line.startswith(b"GET "):
                    try:
                        conn.sendall(b"VALUE " + line[4:] + b"\n")
                    except OSError:
                        return


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} PORT")
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("0.0.0.0", int(sys.argv[1])))
    listener.listen(64)
    while True:
        conn, _address = listener.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    main()
