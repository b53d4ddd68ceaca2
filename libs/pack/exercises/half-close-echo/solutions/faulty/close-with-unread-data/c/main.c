/*
 * half-close-echo, FAULTY: treats the first line as the whole request. It reads until the
 * first "\n", echoes that line, reports its length and closes; the rest of the client's
 * data is still unread (or still on its way), so close() aborts the connection with RST.
 */
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  signal(SIGPIPE, SIG_IGN);
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in addr;
  memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_port = htons((unsigned short)atoi(argv[1]));
  if (bind(listener, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(listener, 16) < 0) return 1;
  for (;;) {
    int conn = accept(listener, NULL, NULL);
    if (conn < 0) continue;
    char line[256];
    size_t len = 0;
    char c;
    /* Mistake: stops at the first newline instead of reading until read() returns 0. */
    while (len < sizeof line && read(conn, &c, 1) == 1) {
      line[len++] = c;
      if (c == '\n') break;
    }
    write(conn, line, len);
    char summary[64];
    int n = snprintf(summary, sizeof summary, "BYTES %zu\n", len);
    write(conn, summary, (size_t)n);
    close(conn); /* unread bytes in the receive buffer: RST instead of FIN */
  }
}
