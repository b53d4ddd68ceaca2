// event-loop-server, an independent C++ solution: one thread, non-blocking sockets, epoll.
// Each client's request line is collected, then its reply streamed in whatever amounts its
// send buffer takes; a client that stops reading only stops its own reply.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

namespace {

constexpr long kLargestReply = 16777216;
constexpr size_t kLongestRequest = 32;
constexpr size_t kChunk = 64 * 1024;
const std::string kAlphabet = "abcdefghijklmnopqrstuvwxyz";

struct Connection {
  std::string request;
  long replySize = -1;  // known once the request line is complete
  long replySent = 0;
};

void makeNonBlocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

// "SIZE <n>" → n, or -1.
long requestedSize(const std::string &line) {
  const std::string prefix = "SIZE ";
  if (line.compare(0, prefix.size(), prefix) != 0 || line.size() == prefix.size()) return -1;
  long n = 0;
  for (size_t i = prefix.size(); i < line.size(); ++i) {
    if (line[i] < '0' || line[i] > '9') return -1;
    n = n * 10 + (line[i] - '0');
    if (n > kLargestReply) return -1;
  }
  return n;
}

class Server {
 public:
  Server(int listener) : listener_(listener), epoll_(::epoll_create1(0)) { watch(listener_, EPOLLIN); }

  void run() {
    epoll_event events[64];
    for (;;) {
      const int ready = ::epoll_wait(epoll_, events, 64, -1);
      for (int i = 0; i < ready; ++i) {
        const int fd = events[i].data.fd;
        if (fd == listener_) {
          acceptAll();
        } else if (!progress(fd, connections_[fd])) {
          drop(fd);
        }
      }
    }
  }

 private:
  void watch(int fd, uint32_t events) {
    epoll_event event{};
    event.events = events;
    event.data.fd = fd;
    ::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &event);
  }

  void rewatch(int fd, uint32_t events) {
    epoll_event event{};
    event.events = events;
    event.data.fd = fd;
    ::epoll_ctl(epoll_, EPOLL_CTL_MOD, fd, &event);
  }

  void drop(int fd) {
    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, fd, nullptr);
    ::close(fd);
    connections_.erase(fd);
  }

  void acceptAll() {
    for (;;) {
      const int fd = ::accept(listener_, nullptr, nullptr);
      if (fd < 0) return;  // EAGAIN: none left
      makeNonBlocking(fd);
      connections_[fd] = Connection{};
      watch(fd, EPOLLIN);
    }
  }

  // Does what the socket allows now; false when the connection is finished.
  bool progress(int fd, Connection &c) {
    if (c.replySize < 0) {
      if (!readRequest(fd, c)) return false;
      if (c.replySize < 0) return true;
      rewatch(fd, EPOLLOUT);
    }
    return sendSome(fd, c);
  }

  bool readRequest(int fd, Connection &c) {
    char chunk[256];
    for (;;) {
      const ssize_t got = ::recv(fd, chunk, sizeof chunk, 0);
      if (got < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
      if (got == 0) return false;
      c.request.append(chunk, static_cast<size_t>(got));
      const size_t newline = c.request.find('\n');
      if (newline != std::string::npos) {
        c.replySize = requestedSize(c.request.substr(0, newline));
        return c.replySize >= 0;
      }
      if (c.request.size() > kLongestRequest) return false;
    }
  }

  bool sendSome(int fd, Connection &c) {
    std::string chunk;
    while (c.replySent < c.replySize) {
      const size_t length = static_cast<size_t>(std::min<long>(kChunk, c.replySize - c.replySent));
      chunk.resize(length);
      for (size_t k = 0; k < length; ++k) chunk[k] = kAlphabet[(c.replySent + static_cast<long>(k)) % 26];
      const ssize_t taken = ::send(fd, chunk.data(), length, MSG_NOSIGNAL);
      if (taken < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
      c.replySent += taken;
    }
    return false;  // all handed to the kernel: close() sends the rest, then the FIN
  }

  int listener_;
  int epoll_;
  std::map<int, Connection> connections_;
};

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
      ::listen(listener, 128) < 0) {
    std::perror("bind/listen");
    return 1;
  }
  makeNonBlocking(listener);
  Server(listener).run();
}
