// ping-client: connect (3 s limit), send "PING\n", expect "PONG\n"; print OK / REFUSED / TIMEOUT.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <string>

int main(int argc, char **argv) {
  if (argc != 3) {
    std::cerr << "usage: " << argv[0] << " HOST PORT\n";
    return 1;
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<unsigned short>(std::stoi(argv[2])));
  if (inet_pton(AF_INET, argv[1], &addr.sin_addr) != 1) {
    std::cerr << "not an IPv4 address: " << argv[1] << "\n";
    return 1;
  }
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  // TODO: connect to addr, but give up after 3 s. A plain connect() blocks for minutes when
  // nobody answers. Make the socket non-blocking (fcntl O_NONBLOCK): connect() then returns
  // -1 with errno EINPROGRESS; poll() for POLLOUT with a 3000 ms limit; poll() returning 0
  // means no answer in time. Otherwise getsockopt(SO_ERROR) tells how the handshake ended.
  //   refused (ECONNREFUSED) -> std::cout << "REFUSED\n", return 2
  //   no answer within 3 s    -> std::cout << "TIMEOUT\n", return 3
  // TODO: once connected: send "PING\n", read one line; "PONG" -> close, std::cout << "OK\n", return 0.
  close(fd);
  return 1;
}
