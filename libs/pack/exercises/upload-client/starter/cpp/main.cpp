// upload-client: send FILE, half-close (shutdown SHUT_WR), print the server's reply, exit 0.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

int main(int argc, char **argv) {
  if (argc != 4) {
    std::cerr << "usage: " << argv[0] << " HOST PORT FILE\n";
    return 1;
  }
  std::ifstream file(argv[3], std::ios::binary);
  if (!file) {
    std::perror(argv[3]);
    return 1;
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<unsigned short>(std::stoi(argv[2])));
  if (inet_pton(AF_INET, argv[1], &addr.sin_addr) != 1) {
    std::cerr << "not an IPv4 address: " << argv[1] << "\n";
    return 1;
  }
  int sock = socket(AF_INET, SOCK_STREAM, 0);
  if (connect(sock, reinterpret_cast<sockaddr *>(&addr), sizeof addr) < 0) {
    std::perror("connect");
    return 1;
  }
  // TODO: send the file: file.read() chunks (binary: use file.gcount(), not string
  //       lengths) and write() each to sock; a write() may take fewer bytes: loop.
  // TODO: tell the server you are done without giving up reading: shutdown(sock, SHUT_WR).
  // TODO: read the reply until read() returns 0 and write it to std::cout; close; return 0.
  close(sock);
  return 1;
}
