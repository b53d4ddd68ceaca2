// greeting-server: for each connection send "HELLO <client-ip> <client-port>\n", then close it.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <string>

int main(int argc, char **argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " PORT\n";
    return 2;
  }
  std::signal(SIGPIPE, SIG_IGN);  // a write to a reset connection fails with EPIPE instead of killing us
  int port = std::stoi(argv[1]);
  (void)port;
  // TODO: create a TCP socket, bind it to 0.0.0.0:port (htonl/htons: the fields of a
  // sockaddr_in are in network byte order) and listen() on it.
  // TODO: forever:
  //   - accept() a connection, asking for the client's sockaddr_in;
  //   - write "HELLO <ip> <port>\n": inet_ntop() for the address, ntohs() for the port;
  //   - close() the connection (your FIN comes first), then accept the next one.
  return 1;
}
