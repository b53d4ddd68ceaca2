/*
 * half-close-echo, FAULTY: treats one read() as the whole message. It echoes what the
 * first read() returned and closes while the client is still sending; the bytes that
 * arrive after close() draw RST, and no summary is ever sent.
 */
#include <netinet/in.h>
#include <signal.h>
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
    char buf[16384];
    ssize_t n = read(conn, buf, sizeof buf); /* Mistake: one read is not one message. */
    if (n > 0) write(conn, buf, (size_t)n);
    close(conn);
  }
}
