/*
 * sigpipe-safe-server: write "TICK <i>\n" to each client every 50 ms until a write fails,
 * then close that connection and serve the next client. Never die.
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
#include <time.h>
#include <unistd.h>

/* Sleeps for `ms` milliseconds. */
static void sleep_ms(long ms) {
    struct timespec pause = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&pause, &pause) < 0 && errno == EINTR) {
    }
}

/* Serves one client; returns when the connection is no longer usable. */
static void serve(int fd) {
    /*
     * TODO: for i = 1, 2, 3, ...: write "TICK <i>\n" to fd, then sleep_ms(50).
     * Look at what every write returns: -1 means the client is gone (errno tells why,
     * e.g. EPIPE or ECONNRESET); return then, and main() closes the connection.
     * Before that can work, think about what happens to this process when it writes to a
     * connection the client has reset (man 7 signal: SIGPIPE; man 2 send: MSG_NOSIGNAL).
     */
    (void)fd;
    (void)sleep_ms;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 1;
    }
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
