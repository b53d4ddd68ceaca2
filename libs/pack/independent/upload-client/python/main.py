"""upload-client, an independent Python solution: socket.sendfile() for the upload,
shutdown(SHUT_WR) for the FIN, and a binary makefile() read to end of stream for the receipt.
"""
import socket
import sys


def main() -> int:
    if len(sys.argv) != 4:
        print(f"usage: {sys.argv[0]} HOST PORT FILE", file=sys.stderr)
        return 1
    host, port, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with socket.create_connection((host, port)) as sock:
        with open(path, "rb") as upload:
            sock.sendfile(upload)
        sock.shutdown(socket.SHUT_WR)  # the server now sees end of stream; we still read
        with sock.makefile("rb") as replies:
            receipt = replies.read()
    sys.stdout.buffer.write(receipt)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
