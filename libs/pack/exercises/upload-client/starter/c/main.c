/* upload-client: send FILE, half-close (shutdown SHUT_WR), print the server's reply, exit 0. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s HOST PORT FILE\n", argv[0]);
    return 1;
  }
  int file = open(argv[3], O_RDONLY);
  if (file < 0) {
    perror(argv[3]);
    return 1;
  }
  struct sockaddr_in addr;
  memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_port = htons((unsigned short)atoi(argv[2]));
  if (inet_pton(AF_INET, argv[1], &addr.sin_addr) != 1) {
    fprintf(stderr, "not an IPv4 address: %s\n", argv[1]);
    return 1;
  }
  int sock = socket(AF_INET, SOCK_STREAM, 0);
  if (connect(sock, (struct sockaddr *)&addr, sizeof addr) < 0) {
    perror("connect");
    return 1;
  }
  /*
   * TODO: send the file: read() it in chunks and write() each chunk to sock. The file is
   *       binary (NUL bytes too): use the byte counts read() returns, not strlen(); a
   *       write() may take fewer bytes than offered, so loop.
   * TODO: tell the server you are done without giving up reading: shutdown(sock, SHUT_WR).
   * TODO: read the reply until read() returns 0 and write it to stdout; close; return 0.
   */
  close(file);
  close(sock);
  return 1;
}
