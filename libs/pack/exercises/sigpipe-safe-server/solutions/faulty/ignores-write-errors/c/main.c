/*
 * sigpipe-safe-server, faulty: ignores SIGPIPE (so it survives), but never looks at what
 * write() returns. After the first client leaves it writes into the dead connection forever,
 * every call failing with EPIPE, and never accepts the next client.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s PORT\n", argv[0]); return 2; }
    signal(SIGPIPE, SIG_IGN);
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
            (void)write(conn, line, (size_t)len); /* the mistake: the result is ignored */
            nanosleep(&tick, NULL);
        }
    }
}
