"""restartable-server, an independent Python solution written with socketserver.

Every client gets b"BYE\\n" and the server closes first. allow_reuse_address makes
TCPServer set SO_REUSEADDR before bind(), so a restart binds the port although the last
connection still holds it in TIME_WAIT.
"""
import socketserver
import sys


class Goodbye(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        try:
            self.request.sendall(b"BYE\n")
        except OSError as error:
            print(f"client failed: {error}", file=sys.stderr)
        # socketserver closes the connection when handle() returns


class RestartableServer(socketserver.TCPServer):
    allow_reuse_address = True


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} PORT")
    with RestartableServer(("0.0.0.0", int(sys.argv[1])), Goodbye) as server:
        server.serve_forever()
