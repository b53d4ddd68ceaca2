/* busy-listener faulty: listen(fd, 1), one connection at a time. */
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
/* FAULTY: room for one pending connection only. */
#define BACKLOG 1

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

/* Reads up to and including '\n'; returns the line length without it, or -1 (EOF or error first). */
static ssize_t read_line(int fd, char *line, size_t cap) {
    size_t used = 0;
    while (used < cap) {
        ssize_t n = read(fd, line + used, 1);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        if (line[used] == '\n') return (ssize_t)used;
        used++;
    }
    return -1;
}

static void serve(int conn) {
    char line[MAX_LINE + 1];
    ssize_t len = read_line(conn, line, sizeof line);
    if (len >= 0) {
        for (ssize_t i = 0, j = len - 1; i < j; i++, j--) {
            char c = line[i];
            line[i] = line[j];
            line[j] = c;
        }
        line[len] = '\n';
        write_all(conn, line, (size_t)len + 1);
    }
    close(conn);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 1;
    }
    signal(SIGPIPE, SIG_IGN);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) { perror("socket"); return 1; }
    int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons((unsigned short)atoi(argv[1]));
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) { perror("bind"); return 1; }
    if (listen(fd, BACKLOG) < 0) { perror("listen"); return 1; }
    for (;;) {
        int conn = accept(fd, NULL, NULL);
        if (conn < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            perror("accept");
            return 1;
        }
        serve(conn);
    }
}
