/*
 * line-protocol: answer every line with "LEN <n>\n".
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

#define MAX_LINE 8192

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

/* Serves one client until it closes its side (recv() returns 0). */
static void serve(int fd) {
    char buf[4096];
    for (;;) {
        ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        /*
         * TODO: these n bytes are NOT one line. They may hold part of a line, the end of one
         * line and the start of the next, or several lines. Keep the bytes of the current line
         * across calls, and for every "\n":
         *   - drop one '\r' right before the "\n";
         *   - reply "LEN <content length>\n" with send_all();
         *   - if the content is longer than MAX_LINE bytes, reply "ERR too long\n" instead and
         *     return (serve's caller closes the connection). Do not buffer more than you need.
         */
        (void)send_all;
    }
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
    if (bind(listener, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(listener, 16) < 0) {
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
