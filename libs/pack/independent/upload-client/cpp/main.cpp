// upload-client, an independent C++ solution: the file goes out with sendfile(2), then
// shutdown(SHUT_WR) sends the FIN while the socket stays open for the server's receipt,
// which is copied to stdout up to the server's FIN.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace {

bool uploadFile(int sock, int file) {
  struct stat info {};
  if (::fstat(file, &info) < 0) return false;
  off_t offset = 0;
  while (offset < info.st_size) {
    const ssize_t sent = ::sendfile(sock, file, &offset, static_cast<size_t>(info.st_size - offset));
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return false;
  }
  return true;
}

bool copyReplyToStdout(int sock) {
  char chunk[4096];
  for (;;) {
    const ssize_t got = ::recv(sock, chunk, sizeof chunk, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return false;
    if (got == 0) return true;
    std::cout.write(chunk, got);
  }
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 4) {
    std::cerr << "usage: " << argv[0] << " HOST PORT FILE\n";
    return 1;
  }
  const int file = ::open(argv[3], O_RDONLY);
  if (file < 0) {
    std::perror(argv[3]);
    return 1;
  }
  sockaddr_in server{};
  server.sin_family = AF_INET;
  server.sin_port = htons(static_cast<uint16_t>(std::atoi(argv[2])));
  if (::inet_pton(AF_INET, argv[1], &server.sin_addr) != 1) {
    std::cerr << "not an IPv4 address: " << argv[1] << "\n";
    return 1;
  }
  const int sock = ::socket(AF_INET, SOCK_STREAM, 0);
  if (::connect(sock, reinterpret_cast<sockaddr *>(&server), sizeof server) < 0) {
    std::perror("connect");
    return 1;
  }
  if (!uploadFile(sock, file)) {
    std::perror("sendfile");
    return 1;
  }
  ::close(file);
  ::shutdown(sock, SHUT_WR);  // "that was everything": our FIN, reading stays open
  const bool complete = copyReplyToStdout(sock);
  std::cout.flush();
  ::close(sock);
  if (!complete) {
    std::perror("recv");
    return 1;
  }
  return 0;
}
