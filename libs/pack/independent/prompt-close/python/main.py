"""prompt-close, an independent Python solution written with socketserver.

A ThreadingTCPServer gives each client a thread reading lines through rfile; when the
client's stream ends (FIN) or the connection is reset, handle() returns and socketserver
closes the connection.
"""
import socketserver
import sys


class KeyValueHandler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        try:
            for line in self.rfile:
                if not line.endswith(b"\n"):
                    break  # the stream ended inside a line
                parts = line.split()
                if len(parts) == 2 and parts[0] == b"GET":
                    self.wfile.write(b"VALUE " + parts[1] + b"\n")
        except ConnectionResetError:
            pass  # the client reset the connection; socketserver still closes it


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} PORT")
    with Server(("0.0.0.0", int(sys.argv[1])), KeyValueHandler) as server:
        server.serve_forever()
