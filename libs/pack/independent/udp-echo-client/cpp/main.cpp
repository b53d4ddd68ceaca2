// udp-echo-client, an independent C++ solution: a connected UDP socket with SO_RCVTIMEO of
// 1 s; up to 3 tries. PONG (0), UNREACHABLE (2, ECONNREFUSED from ICMP), TIMEOUT (3).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

namespace {

constexpr int kTries = 3;

[[noreturn]] void report(const char *word, int status) {
  std::cout << word << std::endl;
  std::exit(status);
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 3) {
    std::cerr << "usage: " << argv[0] << " HOST PORT\n";
    return 1;
  }
  sockaddr_in server{};
  server.sin_family = AF_INET;
  server.sin_port = htons(static_cast<uint16_t>(std::atoi(argv[2])));
  if (::inet_pton(AF_INET, argv[1], &server.sin_addr) != 1) {
    std::cerr << "not an IPv4 address: " << argv[1] << "\n";
    return 1;
  }
  const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  // connect() on UDP sends nothing; it makes the kernel report ICMP errors from this peer.
  if (::connect(fd, reinterpret_cast<sockaddr *>(&server), sizeof server) < 0) {
    std::perror("connect");
    return 1;
  }
  timeval oneSecond{1, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &oneSecond, sizeof oneSecond);
  for (int attempt = 1; attempt <= kTries; ++attempt) {
    if (::send(fd, "PING", 4, 0) < 0) {
      if (errno == ECONNREFUSED) report("UNREACHABLE", 2);  // an ICMP error from an earlier try
      std::perror("send");
      return 1;
    }
    char answer[64];
    const ssize_t got = ::recv(fd, answer, sizeof answer, 0);
    if (got < 0 && errno == ECONNREFUSED) report("UNREACHABLE", 2);
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) continue;  // try again
    if (got < 0) {
      std::perror("recv");
      return 1;
    }
    if (std::string(answer, static_cast<size_t>(got)) == "PONG") report("PONG", 0);
    std::cerr << "unexpected datagram of " << got << " bytes\n";
  }
  report("TIMEOUT", 3);
}
