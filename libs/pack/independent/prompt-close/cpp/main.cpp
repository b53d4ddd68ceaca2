// prompt-close, an independent C++ solution: one thread, poll() over the listener and every
// client. A client's end of stream or reset is seen on its next read, and its socket is
// closed in the same poll round.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

namespace {

constexpr size_t kLongestLine = 128;

// Blocking send of a short reply on a non-blocking socket: replies are tiny, so the send
// buffer always has room; a failure means the client is gone.
bool sendReply(int fd, const std::string &reply) {
  size_t done = 0;
  while (done < reply.size()) {
    ssize_t n = ::send(fd, reply.data() + done, reply.size() - done, MSG_NOSIGNAL);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n < 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// Answers the complete lines in `pending`; false if the connection must end.
bool answerLines(int fd, std::string &pending) {
  size_t newline;
  while ((newline = pending.find('\n')) != std::string::npos) {
    const std::string line = pending.substr(0, newline);
    pending.erase(0, newline + 1);
    if (line.rfind("GET ", 0) == 0 && line.size() > 4) {
      if (!sendReply(fd, "VALUE " + line.substr(4) + "\n")) return false;
    }
  }
  return pending.size() <= kLongestLine;
}

// Reads what is there; false once the client has closed or reset the connection.
bool serveReadable(int fd, std::string &pending) {
  char chunk[4096];
  for (;;) {
    ssize_t got = ::recv(fd, chunk, sizeof chunk, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return true;
    if (got <= 0) return false;  // FIN (0) or RST (ECONNRESET)
    pending.append(chunk, static_cast<size_t>(got));
    if (!answerLines(fd, pending)) return false;
  }
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s PORT\n", argv[0]);
    return 1;
  }
  const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  int reuse = 1;
  ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof reuse);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_ANY);
  address.sin_port = htons(static_cast<uint16_t>(std::atoi(argv[1])));
  if (::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address) < 0 ||
      ::listen(listener, 64) < 0) {
    std::perror("bind/listen");
    return 1;
  }
  ::fcntl(listener, F_SETFL, O_NONBLOCK);
  std::map<int, std::string> clients;  // fd → unanswered bytes
  for (;;) {
    std::vector<pollfd> watched{{listener, POLLIN, 0}};
    for (const auto &client : clients) watched.push_back({client.first, POLLIN, 0});
    if (::poll(watched.data(), watched.size(), -1) < 0) continue;
    for (size_t i = 1; i < watched.size(); ++i) {
      if (watched[i].revents == 0) continue;
      const int fd = watched[i].fd;
      if (!serveReadable(fd, clients[fd])) {
        ::close(fd);
        clients.erase(fd);
      }
    }
    if (watched[0].revents & POLLIN) {
      int fd;
      while ((fd = ::accept(listener, nullptr, nullptr)) >= 0) {
        ::fcntl(fd, F_SETFL, O_NONBLOCK);
        clients[fd] = "";
      }
    }
  }
}
