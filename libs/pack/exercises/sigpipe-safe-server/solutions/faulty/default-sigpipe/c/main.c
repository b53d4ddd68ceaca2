/*
 * sigpipe-safe-server, faulty: checks every write() for an error, but leaves SIGPIPE at its
 * default disposition. The write after the peer's RST raises SIGPIPE, which kills the
 * process before write() can even return EPIPE.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s PORT\n", argv[0]); return 2; }
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    int on = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons((unsigned short)atoi(argv[1]));
    if (bind(listener, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(listener, 16) < 0) {
        perror("bind/listen");
        return 1;
    }
    const struct timespec tick = {0, 50 * 1000 * 1000};
    for (;;) {
        int conn = accept(listener, NULL, NULL);
        if (conn < 0) continue;
        char line[32];
        for (unsigned long i = 1;; i++) {
            int len = snprintf(line, sizeof line, "TICK %lu\n", i);
            if (write(conn, line, (size_t)len) < 0) break;
            nanosleep(&tick, NULL);
        }
        close(conn);
    }
}
