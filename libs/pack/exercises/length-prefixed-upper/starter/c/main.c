/*
 * length-prefixed-upper: answer each message (4-byte big-endian length + payload) with the
 * same framing and the payload's letters a-z in capitals.
 * Started as:  ./prog PORT     (listen on 0.0.0.0:PORT)
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_PAYLOAD 65536

/*
 * Reads exactly len bytes into buf. Returns len; 0 when the stream ended before the first
 * byte; -1 when it ended in the middle or on error.
 */
static ssize_t read_exactly(int fd, unsigned char *buf, size_t len) {
    /* TODO: call recv() until len bytes have arrived: one recv() may return fewer. */
    (void)fd;
    (void)buf;
    (void)len;
    return 0;
}

/* Sends all len bytes (send() may send fewer than asked). Returns 0, or -1 on error. */
static int send_all(int fd, const unsigned char *buf, size_t len) {
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

/* Serves one client until the end of its stream; the caller closes the connection. */
static void serve(int fd) {
    static unsigned char message[4 + MAX_PAYLOAD];
    for (;;) {
        if (read_exactly(fd, message, 4) <= 0) return;
        /*
         * TODO: the length is message[0..3] in network byte order (memcpy into a uint32_t,
         * then ntohl()). Read that many payload bytes into message + 4 (none for a length of 0),
         * turn 'a'..'z' into 'A'..'Z' and leave every other byte alone, then send_all() the
         * 4 + length bytes back.
         */
        (void)send_all;
        return;
    }
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
