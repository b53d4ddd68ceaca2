// line-protocol, an independent C++ solution: "LEN <n>\n" for every line ("\r\n" counts as
// the line end); a line over 8192 bytes is counted to its "\n" without being stored, then
// answered "ERR too long\n" and the connection closed.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

constexpr size_t kLongestLine = 8192;

bool sendText(int fd, const std::string &text) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::send(fd, text.data() + done, text.size() - done, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// The line being read: its first bytes (at most kLongestLine + 1, enough to judge a final
// '\r') and how many bytes it has in all.
struct PartialLine {
  std::string kept;
  size_t length = 0;

  void add(char byte) {
    if (kept.size() <= kLongestLine) kept.push_back(byte);
    ++length;
  }
  size_t contentLength() const {
    bool endsWithCr = length <= kept.size() && !kept.empty() && kept.back() == '\r';
    // A line longer than what is kept is too long whatever its last byte is.
    return endsWithCr ? length - 1 : length;
  }
  void clear() {
    kept.clear();
    length = 0;
  }
};

// Serves one client; returns when the client has closed or after "ERR too long".
void serveLines(int fd) {
  PartialLine line;
  char chunk[4096];
  for (;;) {
    ssize_t got = ::recv(fd, chunk, sizeof chunk, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return;
    for (ssize_t i = 0; i < got; ++i) {
      if (chunk[i] != '\n') {
        line.add(chunk[i]);
        continue;
      }
      const size_t content = line.contentLength();
      line.clear();
      if (content > kLongestLine) {
        sendText(fd, "ERR too long\n");
        return;
      }
      if (!sendText(fd, "LEN " + std::to_string(content) + "\n")) return;
    }
  }
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
      ::listen(listener, 16) < 0) {
    std::perror("bind/listen");
    return 1;
  }
  for (;;) {
    int client = ::accept(listener, nullptr, nullptr);
    if (client < 0) continue;
    serveLines(client);
    ::close(client);
  }
}
