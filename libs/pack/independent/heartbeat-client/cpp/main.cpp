// heartbeat-client, an independent C++ solution: PING every second, each PONG awaited with a
// 2 s deadline through poll(); reports CLOSED (0), DEAD (4) or RESET (5).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr milliseconds kPingInterval{1000};
constexpr milliseconds kPongDeadline{2000};

enum class Outcome { Pong, Closed, Dead, Reset };

[[noreturn]] void report(const char *word, int status) {
  std::cout << word << std::endl;
  std::exit(status);
}

// Reads until a whole line is in `pending` or `deadline` passes.
Outcome awaitReply(int fd, std::string &pending, Clock::time_point deadline) {
  for (;;) {
    const auto newline = pending.find('\n');
    if (newline != std::string::npos) {
      const std::string line = pending.substr(0, newline);
      pending.erase(0, newline + 1);
      if (line == "PONG") return Outcome::Pong;
      if (line == "BYE") return Outcome::Closed;
      std::cerr << "unexpected line: " << line << "\n";
      continue;
    }
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return Outcome::Dead;
    pollfd waiting{fd, POLLIN, 0};
    const int ready = ::poll(&waiting, 1, static_cast<int>(left));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) return Outcome::Dead;
    char chunk[512];
    const ssize_t got = ::recv(fd, chunk, sizeof chunk, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got == 0) return Outcome::Closed;
    if (got < 0) return Outcome::Reset;
    pending.append(chunk, static_cast<size_t>(got));
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
  server.sin_port = htons(static_cast<uint16_t>(std::atoi(argv[2])));
  if (::inet_pton(AF_INET, argv[1], &server.sin_addr) != 1) {
    std::cerr << "not an IPv4 address: " << argv[1] << "\n";
    return 1;
  }
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (::connect(fd, reinterpret_cast<sockaddr *>(&server), sizeof server) < 0) {
    std::perror("connect");
    return 1;
  }
  std::string pending;
  for (;;) {
    const auto sentAt = Clock::now();
    if (::send(fd, "PING\n", 5, MSG_NOSIGNAL) < 0) report("RESET", 5);
    switch (awaitReply(fd, pending, sentAt + kPongDeadline)) {
      case Outcome::Closed:
        ::close(fd);
        report("CLOSED", 0);
      case Outcome::Dead:
        report("DEAD", 4);
      case Outcome::Reset:
        report("RESET", 5);
      case Outcome::Pong:
        break;
    }
    std::this_thread::sleep_until(sentAt + kPingInterval);
  }
}
