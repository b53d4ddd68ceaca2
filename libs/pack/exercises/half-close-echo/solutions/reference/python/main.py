"""half-close-echo, reference solution: echo every byte as it arrives; when recv() returns
b"" (the client's FIN) send "BYTES <n>\n" and close. One connection at a time, forever."""
import socket
import sys


def serve(conn: socket.socket) -> None:
    total = 0
    while True:
        try:
            data = conn.recv(16384)
        except ConnectionResetError:
            return
        if not data:  # the client's FIN: it sends no more, but still reads
            break
        total += len(data)
        conn.sendall(data)
    conn.sendall(f"BYTES {total}\n".encode())


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} PORT")
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("0.0.0.0", int(sys.argv[1])))
    listener.listen(16)
    while True:
        conn, _ = listener.accept()
        try:
            serve(conn)
        except OSError:
            pass  # the client went away; serve the next one
        finally:
            conn.close()  # sends our FIN: CLOSE_WAIT -> LAST_ACK


if __name__ == "__main__":
    main()
