"""greeting-server, reference solution: for each connection send "HELLO <ip> <port>\n" with
the client's address and port, then close it. One connection after another, forever."""
import socket
import sys


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} PORT")
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("0.0.0.0", int(sys.argv[1])))
    listener.listen(16)
    while True:
        conn, (ip, port) = listener.accept()  # Python has already converted the port to a number
        try:
            conn.sendall(f"HELLO {ip} {port}\n".encode())
        except OSError:
            pass  # the client went away; greet the next one
        finally:
            conn.close()  # our FIN first: FIN_WAIT_1 -> FIN_WAIT_2 -> TIME_WAIT


if __name__ == "__main__":
    main()
