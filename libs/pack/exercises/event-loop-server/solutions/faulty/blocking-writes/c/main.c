/* event-loop-server faulty: one client at a time with blocking writes; a stalled reader stalls everyone. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_REQUEST 64
#define MAX_SIZE 16777216L
#define CHUNK 65536

static const char ALPHABET[] = "abcdefghijklmnopqrstuvwxyz";

/* Reads the request line; returns n, or -1. */
static long read_request(int fd) {
    char line[MAX_REQUEST];
    size_t used = 0;
    while (used < sizeof line - 1) {
        ssize_t n = recv(fd, line + used, 1, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        if (line[used] == '\n') {
            line[used] = '\0';
            if (strncmp(line, "SIZE ", 5) != 0) return -1;
            char *end;
            long size = strtol(line + 5, &end, 10);
            return (*end == '\0' && size >= 0 && size <= MAX_SIZE) ? size : -1;
        }
        used++;
    }
    return -1;
}

static void serve(int fd) {
    long size = read_request(fd);
    char chunk[CHUNK];
    for (long sent = 0; size > 0 && sent < size;) {
        long len = size - sent < CHUNK ? size - sent : CHUNK;
        for (long k = 0; k < len; k++) chunk[k] = ALPHABET[(sent + k) % 26];
        /* FAULTY: blocks until the client makes room, however long that takes. */
        ssize_t n = send(fd, chunk, (size_t)len, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            return;
        }
        sent += n;
    }
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 1;
    }
    signal(SIGPIPE, SIG_IGN);
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    if (listener < 0) { perror("socket"); return 1; }
    int on = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons((unsigned short)atoi(argv[1]));
    if (bind(listener, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(listener, 128) < 0) {
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
