/*
 * greeting-server, FAULTY: greets each client but never closes the connection; the client,
 * reading until end of stream, waits for a FIN that never comes. (Otherwise the reference.)
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void greet(int conn, const struct sockaddr_in *peer) {
  char ip[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &peer->sin_addr, ip, sizeof ip);
  char line[64];
  /* sin_port is in network byte order: ntohs() makes it a number we can print. */
  int len = snprintf(line, sizeof line, "HELLO %s %u\n", ip, (unsigned)ntohs(peer->sin_port));
  const char *p = line;
  while (len > 0) {
    ssize_t n = write(conn, p, (size_t)len);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return;
    p += n;
    len -= (int)n;
  }
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s PORT\n", argv[0]);
    return 2;
  }
  signal(SIGPIPE, SIG_IGN); /* a client that resets must not kill the server */
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in addr;
  memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_ANY);
  addr.sin_port = htons((unsigned short)atoi(argv[1]));
  if (bind(listener, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(listener, 16) < 0) {
    perror("bind/listen");
    return 1;
  }
  for (;;) {
    struct sockaddr_in peer;
    socklen_t peer_len = sizeof peer;
    int conn = accept(listener, (struct sockaddr *)&peer, &peer_len);
    if (conn < 0) continue;
    greet(conn, &peer);
    /* Mistake: no close(conn); the connection stays open and the descriptor leaks. */
  }
}
