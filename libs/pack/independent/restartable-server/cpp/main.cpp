// restartable-server, an independent C++ solution: "BYE\n" and close first for each client;
// SO_REUSEADDR lets a restarted server bind the port its old connection holds in TIME_WAIT.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>

namespace {

int listenReusable(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  const int enable = 1;
  if (::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &enable, sizeof enable) < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_ANY);
  address.sin_port = htons(static_cast<uint16_t>(port));
  if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) < 0) return -1;
  if (::listen(fd, 16) < 0) return -1;
  return fd;
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s PORT\n", argv[0]);
    return 1;
  }
  std::signal(SIGPIPE, SIG_IGN);
  const int listener = listenReusable(std::atoi(argv[1]));
  if (listener < 0) {
    std::perror("listen");
    return 1;
  }
  for (;;) {
    const int client = ::accept(listener, nullptr, nullptr);
    if (client < 0) continue;
    if (::write(client, "BYE\n", 4) != 4) std::perror("write");
    ::close(client);
  }
}
