// half-close-echo: echo every byte; after the client's half-close send "BYTES <n>\n" and close.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

// Serves one client. Returns when the conversation is over; main() then closes `conn`.
static void serve(int conn) {
  char buf[16384];
  long long total = 0;
  (void)conn;
  (void)buf;
  (void)total;
  // TODO: loop on read(conn, buf, sizeof buf):
  //   - n > 0: add n to total and write all n bytes back (write() may write fewer: loop);
  //   - n == 0: the client half-closed (FIN). Send "BYTES <total>\n" and return;
  //   - n < 0: retry on EINTR, otherwise the client is gone: return.
}

int main(int argc, char **argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " PORT\n";
    return 2;
  }
  std::signal(SIGPIPE, SIG_IGN);  // a write to a reset connection fails with EPIPE instead of killing us
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_ANY);
  addr.sin_port = htons(static_cast<unsigned short>(std::stoi(argv[1])));
  if (bind(listener, reinterpret_cast<sockaddr *>(&addr), sizeof addr) < 0 || listen(listener, 16) < 0) {
    std::perror("bind/listen");
    return 1;
  }
  for (;;) {
    int conn = accept(listener, nullptr, nullptr);
    if (conn < 0) {
      if (errno != EINTR) std::perror("accept");
      continue;
    }
    serve(conn);
    // TODO: close the connection here (your FIN), or it stays in CLOSE_WAIT forever.
  }
}
