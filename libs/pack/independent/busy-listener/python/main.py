"""busy-listener, an independent Python solution written with socketserver.

A ThreadingTCPServer answers each connection's line reversed and closes it. socketserver's
own backlog (request_queue_size) is only 5; a burst of 64 needs more.
"""
import socketserver
import sys

LONGEST_LINE = 1024


class Reverser(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        line = self.rfile.readline(LONGEST_LINE + 1)
        if not line.endswith(b"\n"):
            return  # the client closed before a whole line
        self.wfile.write(line[:-1][::-1] + b"\n")


class BurstServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True
    request_queue_size = 128


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} PORT")
    with BurstServer(("0.0.0.0", int(sys.argv[1])), Reverser) as server:
        server.serve_forever()
