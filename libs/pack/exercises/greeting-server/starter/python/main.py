"""greeting-server: for each connection send "HELLO <client-ip> <client-port>\n", then close it."""
import socket
import sys


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} PORT")
    port = int(sys.argv[1])
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # TODO: bind the listener to ("0.0.0.0", port) and listen().
    # TODO: forever:
    #   - conn, (ip, client_port) = listener.accept()
    #   - send f"HELLO {ip} {client_port}\n" (encoded) on conn;
    #   - close conn (your FIN comes first), then accept the next one.
    _ = port
    sys.exit(1)


if __name__ == "__main__":
    main()
