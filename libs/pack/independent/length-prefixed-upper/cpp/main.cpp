// length-prefixed-upper, an independent C++ solution: bytes are appended to a buffer as they
// arrive, and every complete frame (4-byte big-endian length + payload) at its front is
// answered; an incomplete one waits for more bytes.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

using Bytes = std::vector<unsigned char>;
constexpr std::uint32_t kLargestPayload = 65536;
constexpr size_t kHeader = 4;

std::uint32_t bigEndian32(const unsigned char *p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}

bool sendAll(int fd, const Bytes &bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// Moves every complete frame at the front of `pending` into `replies`, upper-cased.
// Returns false when a frame announces more than the protocol allows.
bool answerCompleteFrames(Bytes &pending, Bytes &replies) {
  size_t at = 0;
  while (pending.size() - at >= kHeader) {
    const std::uint32_t length = bigEndian32(pending.data() + at);
    if (length > kLargestPayload) return false;
    if (pending.size() - at < kHeader + length) break;
    replies.insert(replies.end(), pending.begin() + at, pending.begin() + at + kHeader);
    for (size_t i = 0; i < length; ++i) {
      unsigned char byte = pending[at + kHeader + i];
      replies.push_back(byte >= 'a' && byte <= 'z' ? static_cast<unsigned char>(byte - 'a' + 'A') : byte);
    }
    at += kHeader + length;
  }
  pending.erase(pending.begin(), pending.begin() + at);
  return true;
}

void serveFrames(int fd) {
  Bytes pending;
  unsigned char chunk[16384];
  for (;;) {
    ssize_t got = ::recv(fd, chunk, sizeof chunk, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return;  // end of stream (a partial frame stays unanswered) or failure
    pending.insert(pending.end(), chunk, chunk + got);
    Bytes replies;
    const bool valid = answerCompleteFrames(pending, replies);
    if (!sendAll(fd, replies) || !valid) return;
  }
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s PORT\n", argv[0]);
    return 1;
  }
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
    serveFrames(client);
    ::close(client);
  }
}
