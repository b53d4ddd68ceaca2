/*
 * half-close-echo, FAULTY: never calls close() on a connection. The socket stays in
 * CLOSE_WAIT after the client's FIN; the server just goes back to accept().
 * (Otherwise the reference solution.)
 */
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Writes all of buf; a short write is not an error, it means "write the rest". */
static int write_all(int fd, const char *buf, size_t len) {
  while (len > 0) {
    ssize_t n = write(fd, buf, len);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    buf += n;
    len -= (size_t)n;
  }
  return 0;
}

static void serve(int conn) {
  char buf[16384];
  long long total = 0;
  for (;;) {
    ssize_t n = read(conn, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return; /* reset by the client: nothing more to say */
    if (n == 0) break; /* the client's FIN: it sends no more, but still reads */
    total += n;
    if (write_all(conn, buf, (size_t)n) < 0) return;
  }
  char line[64];
  int len = snprintf(line, sizeof line, "BYTES %lld\n", total);
  write_all(conn, line, (size_t)len);
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
    int conn = accept(listener, NULL, NULL);
    if (conn < 0) continue;
    serve(conn);
    /* Mistake: no close(conn); the descriptor and the connection leak. */
  }
}
