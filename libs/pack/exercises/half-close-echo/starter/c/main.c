/* half-close-echo: echo every byte; after the client's half-close send "BYTES <n>\n" and close. */
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Serves one client. Returns when the conversation is over; main() then closes `conn`. */
static void serve(int conn) {
  char buf[16384];
  long long total = 0;
  (void)buf;
  (void)total;
  /*
   * TODO: loop on read(conn, buf, sizeof buf):
   *   - n > 0: add n to total and write all n bytes back (write() may write fewer: loop);
   *   - n == 0: the client half-closed (FIN). Send "BYTES <total>\n" and return;
   *   - n < 0: retry on EINTR, otherwise the client is gone: return.
   */
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s PORT\n", argv[0]);
    return 2;
  }
  signal(SIGPIPE, SIG_IGN); /* a write to a reset connection fails with EPIPE instead of killing us */
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
    if (conn < 0) {
      if (errno != EINTR) perror("accept");
      continue;
    }
    serve(conn);
    /* TODO: close the connection here (your FIN), or it stays in CLOSE_WAIT forever. */
  }
}
