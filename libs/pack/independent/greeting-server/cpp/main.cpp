// greeting-server, an independent C++ solution: "HELLO <ip> <port>\n" from getpeername(),
// then close first; one client after another.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>

namespace {

std::string greetingFor(int conn) {
  sockaddr_in peer{};
  socklen_t length = sizeof peer;
  if (::getpeername(conn, reinterpret_cast<sockaddr *>(&peer), &length) < 0) return "";
  char ip[INET_ADDRSTRLEN];
  ::inet_ntop(AF_INET, &peer.sin_addr, ip, sizeof ip);
  return "HELLO " + std::string(ip) + " " + std::to_string(ntohs(peer.sin_port)) + "\n";
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " PORT\n";
    return 2;
  }
  std::signal(SIGPIPE, SIG_IGN);
  const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  int reuse = 1;
  ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof reuse);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_ANY);
  address.sin_port = htons(static_cast<uint16_t>(std::atoi(argv[1])));
  if (::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address) < 0 ||
      ::listen(listener, 16) < 0) {
    std::perror("bind/listen");
    return 1;
  }
  for (;;) {
    const int conn = ::accept(listener, nullptr, nullptr);
    if (conn < 0) continue;
    const std::string greeting = greetingFor(conn);
    if (::send(conn, greeting.data(), greeting.size(), 0) < 0) std::perror("send");
    ::close(conn);
  }
}
