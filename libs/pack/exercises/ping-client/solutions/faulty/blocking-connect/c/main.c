/*
 * ping-client, FAULTY: a blocking connect() with no time limit. Against a host that drops
 * SYNs it waits while the kernel retransmits them (about two minutes) instead of reporting
 * TIMEOUT after 3 s. (Otherwise the reference solution.)
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define CONNECT_LIMIT_MS 3000

/* 0 once connected; otherwise the errno that ended the attempt. */
static int connect_within(int fd, const struct sockaddr_in *addr, int limit_ms) {
  (void)limit_ms; /* Mistake: the limit is never applied; connect() blocks until the kernel gives up. */
  return connect(fd, (const struct sockaddr *)addr, sizeof *addr) < 0 ? errno : 0;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s HOST PORT\n", argv[0]);
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
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int error = connect_within(fd, &addr, CONNECT_LIMIT_MS);
  if (error == ECONNREFUSED) {
    printf("REFUSED\n");
    return 2;
  }
  if (error == ETIMEDOUT) {
    printf("TIMEOUT\n");
    return 3;
  }
  if (error != 0) {
    fprintf(stderr, "connect: %s\n", strerror(error));
    return 1;
  }
  if (write(fd, "PING\n", 5) != 5) return 1;
  char line[64];
  size_t len = 0;
  char c;
  while (len < sizeof line - 1 && read(fd, &c, 1) == 1 && c != '\n') line[len++] = c;
  line[len] = '\0';
  close(fd); /* we close first: FIN_WAIT_1 -> FIN_WAIT_2 -> TIME_WAIT */
  if (strcmp(line, "PONG") != 0) {
    fprintf(stderr, "unexpected reply: %s\n", line);
    return 1;
  }
  printf("OK\n");
  return 0;
}
