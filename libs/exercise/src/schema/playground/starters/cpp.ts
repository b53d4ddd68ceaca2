/** The playground's C++ programs (see ./index.ts for what every starter does). */
export const CPP_CLIENT = String.raw`// Playground client: connects to the peer (argv[1] = its address,
// argv[2] = the port), sends one line, shuts down its sending side (FIN),
// then prints what comes back until the peer closes. Watch the handshake,
// the data and both FINs in the ladder diagram.
#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <iostream>
#include <string>

int main(int argc, char **argv) {
  if (argc != 3) {
    std::cerr << "usage: " << argv[0] << " HOST PORT\n";
    return 2;
  }
  sockaddr_in peer{};
  peer.sin_family = AF_INET;
  peer.sin_port = htons(static_cast<unsigned short>(std::stoi(argv[2])));
  if (inet_pton(AF_INET, argv[1], &peer.sin_addr) != 1) {
    std::cerr << "not an IPv4 address: " << argv[1] << "\n";
    return 2;
  }
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0 || connect(fd, reinterpret_cast<sockaddr *>(&peer), sizeof peer) < 0) {
    std::perror("connect");
    return 1;
  }
  timeval patience{5, 0};  // a peer that died never answers: give up after 5 s
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience);

  const std::string line = "hello, socklab\n";
  if (send(fd, line.data(), line.size(), MSG_NOSIGNAL) < 0) std::perror("send");
  shutdown(fd, SHUT_WR);  // FIN: we send nothing more, but keep reading

  char buf[4096];
  ssize_t n;
  while ((n = recv(fd, buf, sizeof buf, 0)) > 0) std::cout.write(buf, n).flush();
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) std::cerr << "no answer for 5 s\n";
  else if (n < 0) std::perror("recv");  // ECONNRESET: the peer answered with RST
  close(fd);
  return 0;
}
`;

export const CPP_SERVER = String.raw`// Playground server: listens on argv[1], accepts one connection and
// echoes what it receives until the peer shuts down its side, or 2 s pass
// in silence; then it closes. Watch who sends the first FIN in the ladder
// diagram, and your socket's states.
#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <iostream>
#include <string>

int main(int argc, char **argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " PORT\n";
    return 2;
  }
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  int on = 1;
  setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_ANY);
  addr.sin_port = htons(static_cast<unsigned short>(std::stoi(argv[1])));
  if (bind(listener, reinterpret_cast<sockaddr *>(&addr), sizeof addr) < 0 || listen(listener, 8) < 0) {
    std::perror("bind/listen");
    return 1;
  }
  int fd = accept(listener, nullptr, nullptr);
  if (fd < 0) {
    std::perror("accept");
    return 1;
  }
  timeval patience{2, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience);

  char buf[4096];
  ssize_t n;
  while ((n = recv(fd, buf, sizeof buf, 0)) > 0) {
    for (ssize_t sent = 0; sent < n;) {
      ssize_t k = send(fd, buf + sent, n - sent, MSG_NOSIGNAL);
      if (k < 0) {
        std::perror("send");
        break;
      }
      sent += k;
    }
  }
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) std::cerr << "no data for 2 s: closing\n";
  else if (n < 0) std::perror("recv");
  close(fd);  // our FIN (or RST, if data we never read is still waiting)
  close(listener);
  return 0;
}
`;
