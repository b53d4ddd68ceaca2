// ping-client, an independent C++ solution: connect with a 3 s limit, PING/PONG, and tell a
// refused connection (REFUSED, exit 2) from an unanswered one (TIMEOUT, exit 3).
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <iostream>
#include <string>

namespace {

enum class ConnectResult { Connected, Refused, TimedOut, Failed };

using Clock = std::chrono::steady_clock;

ConnectResult connectWithin(int fd, const sockaddr_in &server, std::chrono::milliseconds limit) {
  const int flags = ::fcntl(fd, F_GETFL);
  ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
  if (::connect(fd, reinterpret_cast<const sockaddr *>(&server), sizeof server) == 0) {
    ::fcntl(fd, F_SETFL, flags);
    return ConnectResult::Connected;
  }
  if (errno == ECONNREFUSED) return ConnectResult::Refused;
  if (errno != EINPROGRESS) return ConnectResult::Failed;

  const auto deadline = Clock::now() + limit;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return ConnectResult::TimedOut;
    pollfd waiting{fd, POLLOUT, 0};
    const int ready = ::poll(&waiting, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) return ConnectResult::Failed;
    if (ready == 0) return ConnectResult::TimedOut;
    break;
  }
  int error = 0;
  socklen_t length = sizeof error;
  ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
  if (error == ECONNREFUSED) return ConnectResult::Refused;
  if (error != 0) return ConnectResult::Failed;
  ::fcntl(fd, F_SETFL, flags);
  return ConnectResult::Connected;
}

bool readLine(int fd, std::string &line) {
  char c;
  line.clear();
  for (;;) {
    ssize_t n = ::read(fd, &c, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    if (c == '\n') return true;
    line.push_back(c);
  }
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 3) {
    std::cerr << "usage: " << argv[0] << " HOST PORT\n";
    return 1;
  }
  sockaddr_in server{};
  server.sin_family = AF_INET;
  server.sin_port = htons(static_cast<uint16_t>(std::stoi(argv[2])));
  if (::inet_pton(AF_INET, argv[1], &server.sin_addr) != 1) {
    std::cerr << "not an IPv4 address: " << argv[1] << "\n";
    return 1;
  }
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  switch (connectWithin(fd, server, std::chrono::milliseconds(3000))) {
    case ConnectResult::Refused:
      std::cout << "REFUSED" << std::endl;
      return 2;
    case ConnectResult::TimedOut:
      std::cout << "TIMEOUT" << std::endl;
      return 3;
    case ConnectResult::Failed:
      std::perror("connect");
      return 1;
    case ConnectResult::Connected:
      break;
  }
  const std::string ping = "PING\n";
  if (::send(fd, ping.data(), ping.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(ping.size())) {
    std::perror("send");
    return 1;
  }
  std::string reply;
  const bool gotLine = readLine(fd, reply);
  ::close(fd);
  if (!gotLine || reply != "PONG") {
    std::cerr << "unexpected reply: " << reply << "\n";
    return 1;
  }
  std::cout << "OK" << std::endl;
  return 0;
}
