// half-close-echo, an independent C++ solution: echo every byte, answer the client's
// half-close with "BYTES <n>\n", then close.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

namespace {

bool sendAll(int fd, const char *data, size_t length) {
  while (length > 0) {
    ssize_t sent = ::send(fd, data, length, MSG_NOSIGNAL);
    if (sent < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += sent;
    length -= static_cast<size_t>(sent);
  }
  return true;
}

void echoUntilHalfClose(int conn) {
  std::vector<char> buffer(32 * 1024);
  std::uint64_t total = 0;
  for (;;) {
    ssize_t got = ::recv(conn, buffer.data(), buffer.size(), 0);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return;  // reset or other failure: nothing more to say
    if (got == 0) break;  // the client's FIN: it has finished sending
    total += static_cast<std::uint64_t>(got);
    if (!sendAll(conn, buffer.data(), static_cast<size_t>(got))) return;
  }
  const std::string summary = "BYTES " + std::to_string(total) + "\n";
  sendAll(conn, summary.data(), summary.size());
}

int listenOn(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  int yes = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_ANY);
  address.sin_port = htons(static_cast<uint16_t>(port));
  if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) < 0) return -1;
  if (::listen(fd, SOMAXCONN) < 0) return -1;
  return fd;
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " PORT\n";
    return 2;
  }
  int listener = listenOn(std::atoi(argv[1]));
  if (listener < 0) {
    std::perror("listen");
    return 1;
  }
  for (;;) {
    int conn = ::accept(listener, nullptr, nullptr);
    if (conn < 0) continue;
    echoUntilHalfClose(conn);
    ::close(conn);
  }
}
