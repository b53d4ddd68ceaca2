"""upload-client: send FILE, half-close (shutdown SHUT_WR), print the server's reply, exit 0."""
import socket
import sys


def main() -> int:
    if len(sys.argv) != 4:
        print(f"usage: {sys.argv[0]} HOST PORT FILE", file=sys.stderr)
        return 1
    host, port, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    sock = socket.create_connection((host, port))
    with open(path, "rb") as upload:  # binary: every byte value may occur
        # TODO: send the file's bytes (upload.read() chunks, sock.sendall()).
        _ = upload
    # TODO: tell the server you are done without giving up reading: sock.shutdown(socket.SHUT_WR).
    # TODO: read the reply until recv() returns b"", write it to sys.stdout.buffer; close; return 0.
    sock.close()
    return 1


if __name__ == "__main__":
    sys.exit(main())
