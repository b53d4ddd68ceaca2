/* sigpipe-safe-server, reference: ticks to each client until a write fails, then the next. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int listen_on(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) { perror("socket"); exit(1); }
    int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons((unsigned short)port);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) { perror("bind"); exit(1); }
    if (listen(fd, 16) < 0) { perror("listen"); exit(1); }
    return fd;
}

/* Writes the whole line; returns 0, or -1 with errno set when the connection is gone. */
static int write_all(int fd, const char *buf, size_t len) {
    while (len > 0) {
        ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);
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
    const struct timespec tick = {0, 50 * 1000 * 1000};
    char line[32];
    for (unsigned long i = 1;; i++) {
        int len = snprintf(line, sizeof line, "TICK %lu\n", i);
        if (write_all(conn, line, (size_t)len) < 0) {
            fprintf(stderr, "client gone after %lu ticks: %s\n", i - 1, strerror(errno));
            return;
        }
        nanosleep(&tick, NULL);
    }
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s PORT\n", argv[0]); return 2; }
    /* Belt and braces: MSG_NOSIGNAL already keeps send() from raising SIGPIPE. */
    signal(SIGPIPE, SIG_IGN);
    int listener = listen_on(atoi(argv[1]));
    for (;;) {
        int conn = accept(listener, NULL, NULL);
        if (conn < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            perror("accept");
            return 1;
        }
        serve(conn);
        close(conn);
    }
}
