/* udp-echo-client reference solution: a connected UDP socket, 3 tries of 1 s each. */
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

#define TRIES 3
#define WAIT_MS 1000

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
    struct sockaddr_in server;
    memset(&server, 0, sizeof server);
    server.sin_family = AF_INET;
    server.sin_port = htons((unsigned short)atoi(argv[2]));
    if (inet_pton(AF_INET, argv[1], &server.sin_addr) != 1) {
        fprintf(stderr, "not an IPv4 address: %s\n", argv[1]);
        return 1;
    }
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    /* connect() on UDP sends nothing: it fixes the peer, so ICMP errors about it reach us. */
    if (fd < 0 || connect(fd, (struct sockaddr *)&server, sizeof server) < 0) {
        perror("connect");
        return 1;
    }
    for (int try = 0; try < TRIES; try++) {
        if (send(fd, "PING", 4, 0) < 0) {
            if (errno == ECONNREFUSED) return finish("UNREACHABLE", 2);
            perror("send");
            return 1;
        }
        long long deadline = now_ms() + WAIT_MS;
        for (;;) {
            long long left = deadline - now_ms();
            if (left <= 0) break;
            struct pollfd p = {.fd = fd, .events = POLLIN};
            int ready = poll(&p, 1, (int)left);
            if (ready < 0 && errno == EINTR) continue;
            if (ready <= 0) break;
            char reply[1500];
            ssize_t n = recv(fd, reply, sizeof reply, 0);
            if (n < 0 && errno == ECONNREFUSED) return finish("UNREACHABLE", 2);
            if (n == 4 && memcmp(reply, "PONG", 4) == 0) return finish("PONG", 0);
            /* anything else is not our answer: keep waiting until the deadline */
        }
    }
    return finish("TIMEOUT", 3);
}
