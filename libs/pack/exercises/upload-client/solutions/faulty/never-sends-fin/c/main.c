/*
 * upload-client, FAULTY: a forked child sends the file and close()s its copy of the socket,
 * while the parent waits for the reply. close() only drops one reference: the parent still
 * holds the socket, so no FIN is sent. The server never sees end of stream and never
 * answers; client and server wait for each other. (Otherwise the reference solution.)
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* Writes all of buf (a write may take fewer bytes than offered); -1 on error. */
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

/* Copies everything from `from` to `to` until end of file / end of stream; -1 on error. */
static int copy_all(int from, int to) {
  char buf[65536];
  for (;;) {
    ssize_t n = read(from, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    if (n == 0) return 0;
    if (write_all(to, buf, (size_t)n) < 0) return -1;
  }
}

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
  pid_t child = fork();
  if (child == 0) {
    int failed = copy_all(file, sock) < 0;
    close(sock); /* Mistake: the parent still holds the socket, so this sends no FIN. */
    _exit(failed);
  }
  close(file);
  if (copy_all(sock, STDOUT_FILENO) < 0) {
    perror("reply");
    return 1;
  }
  close(sock);
  waitpid(child, NULL, 0);
  return 0;
}
