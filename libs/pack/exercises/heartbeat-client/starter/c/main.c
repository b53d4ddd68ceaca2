/*
 * heartbeat-client: PING the server every second and report how the connection ends.
 * Started as:  ./prog HOST PORT
 *   CLOSED (exit 0)  the server said BYE and closed
 *   DEAD   (exit 4)  the server went silent (report it within 4 s of the last PONG)
 *   RESET  (exit 5)  the connection was reset
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Milliseconds on a clock that never jumps: use it for deadlines. */
static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int finish(const char *word, int code) {
    printf("%s\n", word);
    return code;
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
    if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        perror("connect");
        return 1;
    }
    for (;;) {
        long long ping_at = now_ms();
        /* MSG_NOSIGNAL: a reset connection fails with an error instead of raising SIGPIPE. */
        if (send(fd, "PING\n", 5, MSG_NOSIGNAL) < 0) return finish("RESET", 5);
        /*
         * TODO: wait for the answer WITHOUT blocking forever: poll() the socket with a timeout
         * (see <poll.h>), then recv() what is there. Bytes may arrive in pieces: collect them
         * until "\n".
         *   - "PONG": wait until ping_at + 1000 ms, then send the next PING;
         *   - "BYE" or recv() returning 0 (the server's FIN): CLOSED, exit 0;
         *   - recv() failing (ECONNRESET): RESET, exit 5;
         *   - no PONG in time: DEAD, exit 4.
         */
        (void)ping_at;
        (void)now_ms;
        return finish("DEAD", 4);
    }
}
