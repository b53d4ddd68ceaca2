/** The playground's C programs (see ./index.ts for what every starter does). */
export const C_CLIENT = String.raw`/* Playground client: connects to the peer (argv[1] = its address,
 * argv[2] = the port), sends one line, shuts down its sending side (FIN),
 * then prints what comes back until the peer closes. Watch the handshake,
 * the data and both FINs in the ladder diagram. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s HOST PORT\n", argv[0]);
    return 2;
  }
  struct sockaddr_in peer = {0};
  peer.sin_family = AF_INET;
  peer.sin_port = htons((unsigned short)atoi(argv[2]));
  if (inet_pton(AF_INET, argv[1], &peer.sin_addr) != 1) {
    fprintf(stderr, "not an IPv4 address: %s\n", argv[1]);
    return 2;
  }
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0 || connect(fd, (struct sockaddr *)&peer, sizeof peer) < 0) {
    perror("connect");
    return 1;
  }
  struct timeval patience = {5, 0}; /* a peer that died never answers: give up after 5 s */
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience);

  const char *line = "hello, socklab\n";
  if (send(fd, line, strlen(line), MSG_NOSIGNAL) < 0) perror("send");
  shutdown(fd, SHUT_WR); /* FIN: we send nothing more, but keep reading */

  char buf[4096];
  ssize_t n;
  while ((n = recv(fd, buf, sizeof buf, 0)) > 0) {
    fwrite(buf, 1, (size_t)n, stdout);
    fflush(stdout);
  }
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) fprintf(stderr, "no answer for 5 s\n");
  else if (n < 0) perror("recv"); /* ECONNRESET: the peer answered with RST */
  close(fd);
  return 0;
}
`;

export const C_SERVER = String.raw`/* Playground server: listens on argv[1], accepts one connection and
 * echoes what it receives until the peer shuts down its side, or 2 s pass
 * in silence; then it closes. Watch who sends the first FIN in the ladder
 * diagram, and your socket's states. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s PORT\n", argv[0]);
    return 2;
  }
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  int on = 1;
  setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  struct sockaddr_in addr = {0};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_ANY);
  addr.sin_port = htons((unsigned short)atoi(argv[1]));
  if (bind(listener, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(listener, 8) < 0) {
    perror("bind/listen");
    return 1;
  }
  int fd = accept(listener, NULL, NULL);
  if (fd < 0) {
    perror("accept");
    return 1;
  }
  struct timeval patience = {2, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience);

  char buf[4096];
  ssize_t n;
  while ((n = recv(fd, buf, sizeof buf, 0)) > 0) {
    for (ssize_t sent = 0; sent < n;) {
      ssize_t k = send(fd, buf + sent, (size_t)(n - sent), MSG_NOSIGNAL);
      if (k < 0) {
        perror("send");
        break;
      }
      sent += k;
    }
  }
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) fprintf(stderr, "no data for 2 s: closing\n");
  else if (n < 0) perror("recv");
  close(fd); /* our FIN (or RST, if data we never read is still waiting) */
  close(listener);
  return 0;
}
`;
