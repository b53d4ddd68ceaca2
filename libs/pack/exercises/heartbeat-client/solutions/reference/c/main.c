/* heartbeat-client reference solution: PING every second, 2 s to answer. */
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

#define PING_INTERVAL_MS 1000
#define PONG_TIMEOUT_MS 2000

static char inbox[256];
static size_t inbox_len;

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int finish(const char *word, int code) {
    printf("%s\n", word);
    return code;
}

/* Outcome of waiting for the socket: a complete line, nothing before the deadline, EOF, or reset. */
enum wait_result { GOT_LINE, TIMED_OUT, GOT_EOF, GOT_RESET };

/* Waits until `deadline` (ms) for one line; copies it without "\n" into `line`. */
static enum wait_result wait_line(int fd, long long deadline, char *line, size_t size) {
    for (;;) {
        char *nl = memchr(inbox, '\n', inbox_len);
        if (nl != NULL) {
            size_t len = (size_t)(nl - inbox);
            size_t copy = len < size - 1 ? len : size - 1;
            memcpy(line, inbox, copy);
            line[copy] = '\0';
            inbox_len -= len + 1;
            memmove(inbox, nl + 1, inbox_len);
            return GOT_LINE;
        }
        long long left = deadline - now_ms();
        if (left <= 0) return TIMED_OUT;
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int ready = poll(&p, 1, (int)left);
        if (ready < 0 && errno == EINTR) continue;
        if (ready == 0) return TIMED_OUT;
        if (inbox_len == sizeof inbox) inbox_len = 0; /* a line too long to be ours: drop it */
        ssize_t n = recv(fd, inbox + inbox_len, sizeof inbox - inbox_len, 0);
        if (n == 0) return GOT_EOF;
        if (n < 0) {
            if (errno == EINTR) continue;
            return GOT_RESET;
        }
        inbox_len += (size_t)n;
    }
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
    char line[256];
    for (;;) {
        long long ping_at = now_ms();
        /* MSG_NOSIGNAL: a reset connection fails with EPIPE/ECONNRESET instead of raising SIGPIPE. */
        if (send(fd, "PING\n", 5, MSG_NOSIGNAL) < 0) return finish("RESET", 5);
        switch (wait_line(fd, ping_at + PONG_TIMEOUT_MS, line, sizeof line)) {
        case TIMED_OUT: return finish("DEAD", 4);
        case GOT_RESET: return finish("RESET", 5);
        case GOT_EOF: return finish("CLOSED", 0);
        case GOT_LINE: break;
        }
        if (strcmp(line, "BYE") == 0) {
            close(fd);
            return finish("CLOSED", 0);
        }
        /* Until the next PING is due, still notice a FIN or an RST. */
        switch (wait_line(fd, ping_at + PING_INTERVAL_MS, line, sizeof line)) {
        case GOT_RESET: return finish("RESET", 5);
        case GOT_EOF: return finish("CLOSED", 0);
        default: break;
        }
    }
}
