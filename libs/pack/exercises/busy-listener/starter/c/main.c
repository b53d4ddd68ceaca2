/*
 * busy-listener: answer each connection's line reversed, then close it.
 * Started as:  ./prog PORT     (listen on 0.0.0.0:PORT)
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

#define MAX_LINE 1024
/* TODO: how many connection attempts must the listener's queues hold at once? */
#define BACKLOG 1

/* Sends all `len` bytes (send() may send fewer than asked). Returns 0, or -1 on error. */
static int send_all(int fd, const char *data, size_t len) {
    while (len > 0) {
        ssize_t n = send(fd, data, len, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Serves one connection; the caller closes it. */
static void serve(int fd) {
    char line[MAX_LINE + 1];
    /*
     * TODO: read until "\n" (recv() may return part of the line), reverse the characters
     * before the "\n" and send them back followed by "\n" with send_all().
     * If the client closes before the "\n", just return.
     */
    (void)line;
    (void)send_all;
    (void)fd;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 1;
    }
    /* A client may vanish while we write: get EPIPE from send() instead of dying of SIGPIPE. */
    signal(SIGPIPE, SIG_IGN);
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    if (listener < 0) {
        perror("socket");
        return 1;
    }
    int on = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons((unsigned short)atoi(argv[1]));
    if (bind(listener, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(listener, BACKLOG) < 0) {
        perror("bind/listen");
        return 1;
    }
    for (;;) {
        int fd = accept(listener, NULL, NULL);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            perror("accept");
            return 1;
        }
        serve(fd);
        close(fd);
    }
}
