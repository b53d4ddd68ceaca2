"""upload-client, reference solution: send FILE's bytes, shut down the sending side (FIN) so
the server sees end of stream, then print the reply until the server closes, and exit 0."""
import socket
import sys


def main() -> int:
    if len(sys.argv) != 4:
        print(f"usage: {sys.argv[0]} HOST PORT FILE", file=sys.stderr)
        return 1
    host, port, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with socket.create_connection((host, port)) as sock, open(path, "rb") as upload:
        while chunk := upload.read(65536):  # bytes, not text: every byte value may occur
            sock.sendall(chunk)
        sock.shutdown(socket.SHUT_WR)  # our FIN; the socket still reads (FIN_WAIT_2)
        while reply := sock.recv(65536):
            sys.stdout.buffer.write(reply)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
