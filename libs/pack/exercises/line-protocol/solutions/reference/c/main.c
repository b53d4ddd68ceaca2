/* line-protocol reference solution: frames lines out of the byte stream. */
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
/* Room for the longest valid line, its optional '\r', and one byte more to notice overflow. */
#define LINE_BUFFER (MAX_LINE + 2)

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

static void serve(int fd) {
    static char line[LINE_BUFFER];
    char buf[4096];
    size_t len = 0;
    int too_long = 0;
    for (;;) {
        ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        for (ssize_t i = 0; i < n; i++) {
            char c = buf[i];
            if (c != '\n') {
                if (len < LINE_BUFFER) line[len++] = c;
                else too_long = 1;
                continue;
            }
            size_t content = len;
            if (content > 0 && line[content - 1] == '\r') content--;
            if (too_long || content > MAX_LINE) {
                /* The whole line has been read: closing now sends FIN, not RST. */
                send_all(fd, "ERR too long\n", 13);
                return;
            }
            char reply[32];
            int r = snprintf(reply, sizeof reply, "LEN %zu\n", content);
            if (send_all(fd, reply, (size_t)r) < 0) return;
            len = 0;
        }
    }
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 1;
    }
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
