// busy-listener, an independent C++ solution: one thread per connection; each reads a line,
// answers it reversed and closes. The listen() backlog is SOMAXCONN, so a burst of 64
// connection attempts fits in the kernel's queues.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

namespace {

constexpr size_t kLongestLine = 1024;

// Reads up to and including the first '\n'; false when the client closes before one arrives.
bool readLine(int fd, std::string &line) {
  char chunk[256];
  while (line.find('\n') == std::string::npos) {
    if (line.size() > kLongestLine) return false;
    ssize_t got = ::recv(fd, chunk, sizeof chunk, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    line.append(chunk, static_cast<size_t>(got));
  }
  line.erase(line.find('\n'));
  return true;
}

void writeAll(int fd, const std::string &text) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::send(fd, text.data() + done, text.size() - done, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return;
    done += static_cast<size_t>(n);
  }
}

void answerReversed(int fd) {
  std::string line;
  if (readLine(fd, line)) {
    std::reverse(line.begin(), line.end());
    writeAll(fd, line + "\n");
  }
  ::close(fd);
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s PORT\n", argv[0]);
    return 1;
  }
  std::signal(SIGPIPE, SIG_IGN);
  int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  int reuse = 1;
  ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof reuse);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_ANY);
  address.sin_port = htons(static_cast<uint16_t>(std::atoi(argv[1])));
  if (::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address) < 0 ||
      ::listen(listener, SOMAXCONN) < 0) {
    std::perror("bind/listen");
    return 1;
  }
  for (;;) {
    int client = ::accept(listener, nullptr, nullptr);
    if (client < 0) continue;
    std::thread(answerReversed, client).detach();
  }
}
